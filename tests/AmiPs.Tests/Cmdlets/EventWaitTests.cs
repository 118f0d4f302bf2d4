using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>The cmdlets' one slice wait (issue 10.3): reused waiters, the session log while streaming, wildcards.</summary>
    public sealed class EventWaitTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public EventWaitTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential("admin", _server.Secret));
            _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -ReconnectDelay 0.05").ThrowIfErrors();
        }

        [Fact]
        public async Task A_quiet_hour_of_slices_holds_one_waiter_per_subscription()
        {
            // 14,400 slices of 250 ms are an hour: the slice loop asks for the pending waits once per slice.
            var quiet = _ps.Run(@"
                $sub = $s.Subscribe()
                $waits = [AmiPs.Commands.AmiEventWaits]::new([AmiPs.Client.AmiSubscription[]]@($sub))
                $first = $waits.Pending()[0]
                $same = 0
                for ($i = 0; $i -lt 14400; $i++) { if ([object]::ReferenceEquals($waits.Pending()[0], $first)) { $same++ } }
                $same, $waits.WaitsStarted").ThrowIfErrors();
            Assert.Equal(new object[] { 14400, 1 }, quiet.Output.Select(o => o.BaseObject));

            // An event completes the wait; only then is a new one started.
            await _server.LastPeer!.SendAsync(null, ("Event", "UserEvent"), ("UserEvent", "wake"));
            var woken = _ps.Run(@"
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                while (-not $first.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { [Threading.Thread]::Sleep(20) } # the bare engine has no Start-Sleep
                $null = $sub.TryRead([ref]$null)
                $null = $waits.Pending()
                $waits.WaitsStarted
                $sub.Dispose()").ThrowIfErrors();
            Assert.Equal(2, woken.Output.Single().BaseObject);
        }

        [Fact]
        public async Task Receive_AmiEvent_forwards_the_session_log_while_it_streams()
        {
            var drop = Task.Run(async () =>
            {
                await Eventually.WaitUntilAsync(() => _ps.Runspace.RunspaceAvailability != System.Management.Automation.Runspaces.RunspaceAvailability.Available, TestDefaults.Deadline, "streaming");
                await Task.Delay(200);
                _server.DropAll();
            });

            var result = _ps.Run("Receive-AmiEvent -Timeout 3 -Verbose");
            await drop;

            Assert.Contains(result.Warnings.Concat(result.Verbose), line => line.IndexOf("connect", StringComparison.OrdinalIgnoreCase) >= 0 && line.IndexOf("-Timeout", StringComparison.Ordinal) < 0);
        }

        [Fact]
        public async Task EventType_takes_wildcards()
        {
            var receive = Task.Run(() => _ps.Run("Receive-AmiEvent -EventType Bridge*, UserEv?nt -First 2 -Timeout 10 | ForEach-Object Event"));
            await Eventually.WaitUntilAsync(() => _ps.Runspace.RunspaceAvailability != System.Management.Automation.Runspaces.RunspaceAvailability.Available, TestDefaults.Deadline, "streaming");
            await Task.Delay(200);
            var peer = _server.LastPeer!;
            await peer.SendAsync(null, ("Event", "Newchannel"), ("Channel", "PJSIP/1-1"), ("Uniqueid", "1.1"));
            await peer.SendAsync(null, ("Event", "BridgeCreate"), ("BridgeUniqueid", "b1"));
            await peer.SendAsync(null, ("Event", "UserEvent"), ("UserEvent", "x"));

            var result = await receive;
            Assert.Equal(new object[] { "BridgeCreate", "UserEvent" }, result.ThrowIfErrors().Output.Select(o => o.BaseObject));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }
    }
}
