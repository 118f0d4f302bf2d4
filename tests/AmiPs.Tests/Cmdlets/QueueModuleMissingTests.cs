using System;
using System.Linq;
using System.Management.Automation;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>A PBX without app_queue (QueueStatus is an unknown action there): the queue cmdlets say so, by name and category.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class QueueModuleMissingTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer(); // answers every action it does not script as unknown
        private readonly PsHost _ps = new PsHost();

        public QueueModuleMissingTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", Module.ModuleTestSupport.Credential(_server.User, _server.Secret));
            _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred").ThrowIfErrors();
        }

        [Theory]
        [InlineData("Get-AmiQueue")]
        [InlineData("Get-AmiQueue support")]
        [InlineData("Suspend-AmiQueueMember support PJSIP/1001 -Reason lunch")]
        [InlineData("Add-AmiQueueMember support PJSIP/1001")]
        public void The_error_names_app_queue_and_is_categorised_NotInstalled(string command)
        {
            var result = _ps.Run(command);

            Assert.Empty(result.Output);
            var error = result.Errors.Single();
            Assert.Equal("AmiFeatureMissing", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.NotInstalled, error.CategoryInfo.Category);
            Assert.Contains("app_queue", error.Exception.Message);
            Assert.Equal(0, _server.ReceivedCount("QueuePause") + _server.ReceivedCount("QueueAdd"));
        }

        public void Dispose()
        {
            _ps.Run("$s | Disconnect-Ami");
            _ps.Dispose();
            _server.Dispose();
        }
    }
}
