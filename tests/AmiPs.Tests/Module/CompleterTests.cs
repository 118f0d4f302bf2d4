using System;
using System.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// Tab completion of the server's actions through the engine's TabExpansion2, against a scripted server that
    /// counts ListCommands (asked once a connection) and with no session at all. The completions users type (session
    /// names, -Session, extensions, contexts, event names and masks, CLI commands) are in tests/pester/AmiPs.Completion.Tests.ps1.
    /// </summary>
    public sealed class CompleterTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public CompleterTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
        }

        [Fact]
        public void Actions_complete_with_what_the_server_lists_and_are_asked_once()
        {
            _server.OnAction = (peer, action) => action["Action"] == "ListCommands"
                ? peer.SendAsync(action.ActionId, ("Response", "Success"), ("Ping", "Keepalive command.  (Priv: <none>)"), ("PJSIPShowEndpoints", "Lists PJSIP endpoints.  (Priv: system,reporting,all)"), ("PJSIPQualify", "Qualify a chan_pjsip endpoint.  (Priv: system,reporting,all)"))
                : ScriptedAmiServer.RefuseAsync(peer, action);

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
