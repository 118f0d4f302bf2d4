using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.Events;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>The session cmdlets through the real PowerShell engine, against a scripted AMI peer on loopback.</summary>
    public sealed class SessionCmdletTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public SessionCmdletTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential("admin", _server.Secret));
            _ps.SetVariable("badcred", TestDefaults.PsCredential("admin", "not-the-secret"));
        }

        [Fact]
        public void Connect_returns_a_session_that_becomes_the_default()
        {
            var result = _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred; $s; (Get-AmiStatus).IsHealthy; (Get-AmiSession).Name").ThrowIfErrors();

            var session = result.Objects<AmiSession>().Single();
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.Equal("13.0.0", session.AmiVersion);
            Assert.Equal(true, result.Output[1].BaseObject);
            Assert.Equal("127.0.0.1", result.Output[2].BaseObject);
        }

        [Fact]
        public void Verbose_shows_the_connection_phases()
        {
            var result = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Verbose | Out-Null").ThrowIfErrors();

            var verbose = string.Join("\n", result.Verbose);
            Assert.Contains("Connecting to 127.0.0.1", verbose);
            Assert.Contains("Socket connected", verbose);
            Assert.Contains("Authenticating as admin", verbose);
            Assert.Contains("Authenticated as admin", verbose);
            Assert.DoesNotContain(_server.Secret, verbose);
        }

        [Fact]
        public void Invoke_AmiAction_returns_the_response_and_list_items()
        {
            _server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/1001-00000001"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("ChannelState", "6"), ("Duration", "00:00:03") });
            var result = _ps.Run(@"
                Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null
                $r = Invoke-AmiAction Ping
                $r.Response; $r.Fields.Count -gt 0; $r.ActionId -ne $null
                $list = Invoke-AmiAction -Action CoreShowChannels
                $list.Events.Count; $list.Events[0].GetField('Channel')").ThrowIfErrors();

            Assert.Equal(new object[] { "Success", true, true, 1, "PJSIP/1001-00000001" }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void An_error_response_is_a_non_terminating_error_with_the_server_message()
        {
            var result = _ps.Run(@"
                Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null
                Invoke-AmiAction NoSuchAction
                'still running'");

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmiActionError,AmiPs.Commands.InvokeAmiActionCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Invalid/unknown command", error.Exception.Message);
            Assert.Equal("still running", result.Output.Last().BaseObject);

            var stop = _ps.Run("try { Invoke-AmiAction NoSuchAction -ErrorAction Stop; 'not here' } catch { 'caught' }");
            Assert.Equal("caught", stop.Output.Single().BaseObject);
        }

        [Fact]
        public void A_line_break_in_a_parameter_is_refused_before_anything_is_sent()
        {
            _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null").ThrowIfErrors();
            var before = _server.Received.Count;

            var result = _ps.Run("Invoke-AmiAction Originate @{ Channel = \"Local/1@x`r`nAction: Hangup\" }");

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmiInvalidActionField,AmiPs.Commands.InvokeAmiActionCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("'Channel'", error.Exception.Message);
            Assert.Equal(before, _server.Received.Count);
        }

        [Fact]
        public void Invoke_AmiCommand_writes_the_output_lines()
        {
            _server.OnAction = (peer, action) => peer.SendAsync(action.ActionId, ("Response", "Success"), ("Message", "Command output follows"), ("Output", "line 1"), ("Output", "line 2"));
            var result = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null; Invoke-AmiCommand 'core show uptime'").ThrowIfErrors();

            Assert.Equal(new object[] { "line 1", "line 2" }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Wrong_password_is_an_authentication_error_without_the_secret()
        {
            var result = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $badcred; Get-AmiSession");

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmiAuthenticationFailed,AmiPs.Commands.ConnectAmiCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("Authentication failed", error.ToString());
            Assert.DoesNotContain("not-the-secret", error.ToString());
            Assert.Empty(result.Output);
            Assert.Equal(1, _server.Connections);
        }

        [Fact]
        public void A_refused_port_is_a_connection_error()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            var result = _ps.Run($"Connect-Ami 127.0.0.1 -Port {closed} -Credential $cred");

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmiConnectionRefused,AmiPs.Commands.ConnectAmiCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("refused", error.Exception.Message);
        }

        [Fact]
        public void A_connect_timeout_is_an_operation_timeout()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0); // accepts, never greets
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var result = _ps.Run($"Connect-Ami 127.0.0.1 -Port {port} -Credential $cred -ConnectTimeout 0.3");

                var error = Assert.Single(result.Errors);
                Assert.Equal("AmiConnectTimeout,AmiPs.Commands.ConnectAmiCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void Cmdlets_without_a_session_say_to_connect_first()
        {
            var result = _ps.Run("Get-AmiStatus");

            // A cmdlet's terminating error ends the statement; the script host records it in the error stream.
            var error = Assert.Single(result.Errors);
            Assert.Contains("Connect-Ami", error.ToString());
        }

        [Fact]
        public void Disconnect_is_safe_to_repeat_and_status_still_works_after_it()
        {
            var result = _ps.Run(@"
                $s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred
                Disconnect-Ami
                Disconnect-Ami
                (Get-AmiStatus -Session $s).State
                @(Get-AmiSession).Count").ThrowIfErrors();

            Assert.Equal(new object[] { AmiSessionState.Disconnected, 0 }, result.Output.Select(o => o.BaseObject));
            Assert.Equal(1, _server.ReceivedCount("Logoff"));
        }

        [Fact]
        public async Task Receive_AmiEvent_streams_events_and_stops_at_First_or_Timeout()
        {
            _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred").ThrowIfErrors();
            var peer = _server.LastPeer!;
            for (var i = 0; i < 5; i++)
            {
                await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/" + i), ("Cause", "16"));
            }

            var first = _ps.Run("Receive-AmiEvent -EventType Hangup -Since ([DateTimeOffset]::MinValue) -First 3 | ForEach-Object { $_.GetField('Channel') }").ThrowIfErrors();
            Assert.Equal(new object[] { "PJSIP/0", "PJSIP/1", "PJSIP/2" }, first.Output.Select(o => o.BaseObject));

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var timedOut = _ps.Run("@(Receive-AmiEvent -EventType NoSuchEvent -Timeout 0.3).Count").ThrowIfErrors();
            Assert.Equal(0, timedOut.Output.Single().BaseObject);
            Assert.True(watch.Elapsed.TotalSeconds >= 0.25, "it waited out the -Timeout"); // and it returned: a wait that ignored -Timeout would hang
        }

        [Theory]
        [InlineData("Connect-Ami")]
        [InlineData("Test-AmiConnection")]
        public void Without_a_credential_the_error_says_what_to_pass_or_set(string cmdlet)
        {
            Assert.Null(Environment.GetEnvironmentVariable("AMI_USERNAME"));
            var result = _ps.Run(cmdlet + " 127.0.0.1 -Port $port");

            var error = Assert.Single(result.Errors);
            Assert.Contains("-Credential", error.ToString());
            Assert.Contains("AMI_USERNAME", error.ToString());
            Assert.Equal(0, _server.Connections);
        }

        [Fact]
        public void Queue_and_completed_call_limits_are_parameters()
        {
            var session = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -SubscriptionCapacity 5 -CompletedCallLimit 2").ThrowIfErrors().Single<AmiSession>();

            Assert.Equal(5, session.Options.SubscriptionCapacity);
            Assert.Equal(2, session.Options.CompletedCallLimit);
            Assert.NotNull(_ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -SubscriptionCapacity 0").Errors.SingleOrDefault(e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task A_live_extension_change_is_in_the_session_log()
        {
            _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null").ThrowIfErrors();
            await _server.LastPeer!.SendAsync(null, ("Event", "ExtensionStatus"), ("Privilege", "call,all"), ("Exten", "1001"), ("Context", "office"), ("Hint", "Custom:1001"), ("Status", "1"), ("StatusText", "InUse"));

            await Eventually.WaitUntilAsync(() => _ps.Run("Get-AmiExtension -Exten 1001").Output.Count == 1, TimeSpan.FromSeconds(10), "the extension change");
            var log = _ps.Run("Get-AmiLog | Where-Object EventName -eq ExtensionStatusUpdated | ForEach-Object Message").ThrowIfErrors();

            Assert.Contains("Extension status updated: 1001@office is InUse", log.Output.Select(o => o.BaseObject as string));
        }

        [Fact]
        public void Status_converts_to_plain_values_without_the_secret()
        {
            var result = _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null; $st = Get-AmiStatus; $st.PSObject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }").ThrowIfErrors();

            var text = string.Join("\n", result.Output.Select(o => o.BaseObject));
            Assert.Contains("State=Connected", text);
            Assert.Contains("EventsReceived=", text);
            Assert.Contains("ProtocolErrors=0", text);
            Assert.DoesNotContain(_server.Secret, text);
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }
    }
}
