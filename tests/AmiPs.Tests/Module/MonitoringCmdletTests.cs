using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using System.Management.Automation;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>Test-AmiConnection, Wait-AmiEvent, Get-AmiLog and -LogPath through the real engine, against a scripted AMI peer.</summary>
    public sealed class MonitoringCmdletTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public MonitoringCmdletTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
            _ps.SetVariable("badcred", TestDefaults.PsCredential(_server.User, "not-the-secret"));
        }

        [Fact]
        public void Test_AmiConnection_reports_each_step_and_logs_off()
        {
            var result = _ps.Run("Test-AmiConnection 127.0.0.1 -Port $port -Credential $cred; @(Get-AmiSession).Count").ThrowIfErrors();

            dynamic test = result.Output[0];
            Assert.True((bool)test.Success, (string?)test.Error);
            Assert.Equal("13.0.0", (string)test.AmiVersion);
            // The timings are text on the object (for JSON); the Get methods give the TimeSpans.
            Assert.True((TimeSpan)test.GetLoginTime() >= (TimeSpan)test.GetConnectTime());
            Assert.True((TimeSpan)test.GetPingRoundTrip() > TimeSpan.Zero);
            Assert.Null(test.Error);
            Assert.Equal(1, _server.ReceivedCount("Ping"));
            Eventually.WaitUntil(() => _server.ReceivedCount("Logoff") == 1, TimeSpan.FromSeconds(5), "the test to log off");
            Assert.Equal(0, result.Output.Last().BaseObject); // no session left behind
        }

        [Fact]
        public void Test_AmiConnection_never_throws_for_an_unreachable_pbx()
        {
            var closedPort = ClosedPort();
            var result = _ps.Run($"Test-AmiConnection 127.0.0.1 -Port {closedPort} -Credential $cred -Timeout 2; Test-AmiConnection 127.0.0.1 -Port {closedPort} -Credential $cred -Quiet -Timeout 2");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
            dynamic test = result.Output[0];
            Assert.False((bool)test.Success);
            Assert.Equal("AmiConnectionRefused", (string)test.ErrorId);
            Assert.Null(test.LoginTime);
            Assert.Equal(false, result.Output.Last().BaseObject);
        }

        [Fact]
        public void Test_AmiConnection_reports_a_refused_login_without_the_secret()
        {
            var result = _ps.Run("Test-AmiConnection 127.0.0.1 -Port $port -Credential $badcred");

            Assert.Empty(result.Errors);
            dynamic test = Assert.Single(result.Output)!;
            Assert.False((bool)test.Success);
            Assert.Equal("AmiAuthenticationFailed", (string)test.ErrorId);
            Assert.NotNull(test.ConnectTime);
            Assert.DoesNotContain("not-the-secret", (string)test.Error);
        }

        [Fact]
        public void Test_AmiConnection_without_a_host_is_a_usage_error()
        {
            var result = _ps.Run("Test-AmiConnection -Port $port -Credential $cred; 'next statement'");

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmiInvalidArgument,AmiPs.Commands.TestAmiConnectionCommand", error.FullyQualifiedErrorId);
            Assert.Contains("AMI_HOST", error.Exception.Message);
            Assert.Equal("next statement", result.Output.Single().BaseObject);
        }

        [Fact]
        public async Task Wait_AmiEvent_returns_the_first_event_that_passes_the_filter()
        {
            var session = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred").ThrowIfErrors().Single<AmiSession>();
            var peer = _server.LastPeer!;
            var waiting = Task.Run(() => _ps.Run("$wanted = 'PJSIP/2'; Wait-AmiEvent Hangup -Filter { $_.GetField('Channel') -eq $wanted } -Timeout 10"));
            await Eventually.WaitUntilAsync(() => session.GetStatus().Subscribers > 0, TimeSpan.FromSeconds(5), "Wait-AmiEvent to subscribe");
            for (var i = 1; i <= 3; i++)
            {
                await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/" + i), ("Cause", "16"));
            }

            var result = (await waiting).ThrowIfErrors();
            var found = Assert.Single(result.Output);
            Assert.Equal("PJSIP/2", ((AmiPs.Events.AmiEvent)found.BaseObject).GetField("Channel"));
        }

        [Fact]
        public async Task Wait_AmiEvent_finds_an_earlier_event_with_Since_and_times_out_with_an_error()
        {
            _ps.Run("$start = [DateTimeOffset]::Now; Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null").ThrowIfErrors();
            await _server.LastPeer!.SendAsync(null, ("Event", "ExtensionStatus"), ("Privilege", "call,all"), ("Exten", "1001"), ("Context", "office"), ("Status", "1"), ("StatusText", "InUse"));
            Eventually.WaitUntil(() => _ps.Run("(Get-AmiStatus).EventsReceived").Output.Single().BaseObject is long n && n >= 1, TimeSpan.FromSeconds(5), "the event to arrive");

            var early = _ps.Run("Wait-AmiEvent ExtensionStatus -Since $start -Timeout 1").ThrowIfErrors();
            Assert.Equal("1001", ((AmiPs.Events.AmiEvent)Assert.Single(early.Output).BaseObject).GetField("Exten"));

            var late = _ps.Run("Wait-AmiEvent ExtensionStatus -Timeout 0.3; 'went on'");
            var error = Assert.Single(late.Errors);
            Assert.Equal("AmiWaitTimeout,AmiPs.Commands.WaitAmiEventCommand", error.FullyQualifiedErrorId);
            Assert.Equal("went on", late.Output.Single().BaseObject);
        }

        [Fact]
        public async Task Wait_AmiEvent_tells_what_happens_to_the_session_while_it_waits()
        {
            var session = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -ReconnectDelay 0.05").ThrowIfErrors().Single<AmiSession>();
            var waiting = Task.Run(() => _ps.Run("Wait-AmiEvent UserEvent -Timeout 3 -ErrorAction SilentlyContinue -Verbose"));
            await Eventually.WaitUntilAsync(() => session.GetStatus().Subscribers > 0, TimeSpan.FromSeconds(5), "Wait-AmiEvent to subscribe");
            _server.DropAll();

            var result = await waiting;
            Assert.Contains(result.Warnings, w => w.StartsWith("Connection closed", StringComparison.Ordinal));
            Assert.Contains(result.Verbose, v => v.StartsWith("Scheduling reconnection attempt 1/", StringComparison.Ordinal));
        }

        [Fact]
        public void Get_AmiLog_shows_the_connection_phases_without_secrets()
        {
            var result = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null; Get-AmiLog; '--'; Get-AmiLog -Level Warning; '--'; Get-AmiLog -Newest 1").ThrowIfErrors();

            var parts = Split(result);
            var names = parts[0].Cast<AmiLogEntry>().Select(e => e.EventName).ToList();
            foreach (var phase in new[] { "Connecting", "SocketConnected", "Authenticating", "Authenticated" })
            {
                Assert.Contains(phase, names);
            }

            Assert.True(names.IndexOf("Connecting") < names.IndexOf("Authenticated"));
            Assert.All(parts[0].Cast<AmiLogEntry>(), e => Assert.DoesNotContain(_server.Secret, e.ToString()));
            Assert.Empty(parts[1]);
            Assert.Single(parts[2]);
        }

        [Fact]
        public void LogPath_writes_the_session_log_to_a_file()
        {
            var path = Path.Combine(Path.GetTempPath(), "amips-test-" + Guid.NewGuid().ToString("N"), "session.log");
            try
            {
                _ps.SetVariable("logPath", path);
                _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -LogPath $logPath | Disconnect-Ami").ThrowIfErrors();

                var text = File.ReadAllText(path);
                Assert.Contains("Authenticated as admin", text);
                Assert.Contains("Disconnected from 127.0.0.1", text);
                Assert.DoesNotContain(_server.Secret, text);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }

        [Fact]
        public void Get_AmiStatus_reports_a_disconnected_session_too()
        {
            var result = _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -NoReconnect; $s").ThrowIfErrors();
            var session = result.Single<AmiSession>();
            _server.DropAll();
            Eventually.WaitUntil(() => session.State == AmiSessionState.Disconnected, TimeSpan.FromSeconds(5), "the session to notice the loss");

            var status = _ps.Run("Get-AmiStatus -Session $s").ThrowIfErrors().Single<AmiSessionStatus>();
            Assert.False(status.IsHealthy);
            Assert.Equal(AmiSessionState.Disconnected, status.State);
            Assert.NotNull(status.LastError);
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }

        private static System.Collections.Generic.List<System.Collections.Generic.List<object>> Split(PsResult result)
        {
            var parts = new System.Collections.Generic.List<System.Collections.Generic.List<object>> { new System.Collections.Generic.List<object>() };
            foreach (var item in result.Output.Select(o => o.BaseObject))
            {
                if (item is "--")
                {
                    parts.Add(new System.Collections.Generic.List<object>());
                }
                else
                {
                    parts[parts.Count - 1].Add(item);
                }
            }

            return parts;
        }

        private static int ClosedPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
