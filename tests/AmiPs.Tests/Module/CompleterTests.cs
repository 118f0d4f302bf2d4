using System;
using System.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>Tab completion of session names and of the server's actions, through the engine's TabExpansion2.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class CompleterTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public CompleterTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", ModuleTestSupport.Credential(_server.User, _server.Secret));
        }

        [Fact]
        public void Session_names_complete_with_the_open_sessions()
        {
            var names = Complete(@"
                Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name lab-one | Out-Null
                Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name lab-two | Out-Null
                Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name other | Out-Null", "Get-AmiSession -Name lab");

            Assert.Equal(new[] { "lab-one", "lab-two" }, names);
        }

        [Fact]
        public void For_a_Session_parameter_the_completer_gives_the_name_which_binds()
        {
            _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name lab-one | Out-Null").ThrowIfErrors();

            Assert.Equal(new[] { "lab-one" }, Complete(string.Empty, "Get-AmiStatus -Session lab"));
            var result = _ps.Run("(Get-AmiStatus -Session lab-one).Name").ThrowIfErrors();
            Assert.Equal(new object[] { "lab-one" }, result.Output.Select(o => o.BaseObject));
        }

        [Theory]
        [InlineData("Connect-Ami -EventMask rep", "reporting")]
        [InlineData("Invoke-AmiCommand 'core show ch", "'core show channels'")]
        [InlineData("Receive-AmiEvent -EventType Newch", "Newchannel")]
        public void Fixed_lists_complete(string line, string expected)
        {
            Assert.Contains(expected, Complete(string.Empty, line));
        }

        [Fact]
        public void Extensions_and_contexts_complete_with_the_tracked_ones()
        {
            _server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office-hints"), ("Hint", "PJSIP/1001"), ("Status", "0"), ("StatusText", "Idle") });
            _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name lab-one | Out-Null").ThrowIfErrors();
            Eventually.WaitUntil(() => _ps.Run("@(Get-AmiExtension).Count").Output.Select(o => (int)o.BaseObject).Single() == 1, TimeSpan.FromSeconds(10), "the hint is tracked");

            Assert.Equal(new[] { "1001" }, Complete(string.Empty, "Get-AmiExtension 10"));
            Assert.Equal(new[] { "office-hints" }, Complete(string.Empty, "Get-AmiExtension -Context off"));
            Assert.Equal(new[] { "office-hints" }, Complete(string.Empty, "New-AmiCall PJSIP/1 -Exten 1 -Context off"));
        }

        [Fact]
        public void Actions_complete_with_what_the_server_lists_and_are_asked_once()
        {
            _server.OnAction = (peer, action) => action["Action"] == "ListCommands"
                ? peer.SendAsync(action.ActionId, ("Response", "Success"), ("Ping", "Keepalive command.  (Priv: <none>)"), ("PJSIPShowEndpoints", "Lists PJSIP endpoints.  (Priv: system,reporting,all)"), ("PJSIPQualify", "Qualify a chan_pjsip endpoint.  (Priv: system,reporting,all)"))
                : peer.SendAsync(action.ActionId, ("Response", "Error"), ("Message", "Invalid/unknown command"));

            var first = Complete("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null", "Invoke-AmiAction -Action PJSIP");
            var second = Complete(string.Empty, "Invoke-AmiAction PJSIPS");

            Assert.Equal(new[] { "PJSIPQualify", "PJSIPShowEndpoints" }, first);
            Assert.Equal(new[] { "PJSIPShowEndpoints" }, second);
            Assert.Equal(1, _server.ReceivedCount("ListCommands"));
        }

        [Fact]
        public void Actions_complete_with_common_ones_without_a_session()
        {
            var names = Complete(string.Empty, "Invoke-AmiAction -Action Core");

            Assert.Contains("CoreShowChannels", names);
            Assert.All(names, n => Assert.StartsWith("Core", n));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }

        private string[] Complete(string setup, string line)
        {
            if (setup.Length > 0)
            {
                _ps.Run(setup).ThrowIfErrors();
            }

            _ps.SetVariable("line", line);
            return _ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText").ThrowIfErrors()
                .Output.Select(o => (string)o.BaseObject).ToArray();
        }
    }
}
