using System;
using System.Linq;
using System.Text.Json;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>Get-AmiStatus output converts with ConvertTo-Json (no cycles, no secrets), for healthy and broken sessions alike.</summary>
    public sealed class StatusJsonTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = FullEngine.NewHost();

        public StatusJsonTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
        }

        [Fact]
        public void Status_of_a_connected_and_of_a_disconnected_session_converts_to_json()
        {
            var session = _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -NoReconnect; $s").ThrowIfErrors().Single<AmiSession>();
            var healthy = Json("Get-AmiStatus -Session $s | ConvertTo-Json -Depth 5 -WarningAction Stop");
            _server.DropAll();
            Eventually.WaitUntil(() => session.State == AmiSessionState.Disconnected, TimeSpan.FromSeconds(5), "the session to notice the loss");
            var broken = Json("Get-AmiStatus -Session $s | ConvertTo-Json -Depth 5 -EnumsAsStrings -WarningAction Stop");

            Assert.True(healthy.GetProperty("IsHealthy").GetBoolean());
            Assert.Equal("127.0.0.1", healthy.GetProperty("ComputerName").GetString());
            Assert.False(broken.GetProperty("IsHealthy").GetBoolean());
            Assert.Equal("Disconnected", broken.GetProperty("State").GetString());
            Assert.False(string.IsNullOrEmpty(broken.GetProperty("LastError").GetString()));
        }

        private JsonElement Json(string script)
        {
            var text = (string)_ps.Run(script).ThrowIfErrors().Output.Single().BaseObject;
            Assert.DoesNotContain(_server.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
            return JsonDocument.Parse(text).RootElement;
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }
    }
}
