using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.Events;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>The call cmdlets end to end: the module's own simulator as the PBX, driven through the real engine.</summary>
    public sealed class SimulatorCallCmdletTests : IDisposable
    {
        private readonly PsHost _ps = new PsHost();
        private readonly AmiSession _session;

        public SimulatorCallCmdletTests()
        {
            _session = _ps.Run("$sim = Start-AmiSimulator; $s = $sim | Connect-Ami; $s").ThrowIfErrors().Single<AmiSession>();
        }

        [Fact]
        public void New_AmiCall_Wait_returns_the_ended_call()
        {
            var call = _ps.Run("New-AmiCall -Channel Local/1001@office -Context office -Exten 1001 -CallerId '\"Ops\" <2000>' -Wait -WaitTimeout 10 -Confirm:$false").ThrowIfErrors().Single<AmiCall>();

            Assert.Equal(AmiCallState.Ended, call.State);
            Assert.Equal(AmiCallDisposition.Answered, call.Disposition);
            Assert.Equal(16, call.HangupCause);
            Assert.True(call.GetTalkTime() > TimeSpan.Zero);
            Assert.Equal(call.Id, _ps.Run($"(Get-AmiCall -Completed | Where-Object Id -eq '{call.Id}').Id").ThrowIfErrors().Output.Single().BaseObject);
        }

        [Fact]
        public async Task Stop_AmiCall_WhatIf_leaves_the_call_and_without_it_hangs_up()
        {
            _ps.Run("$id = $sim.Simulator.Pbx.PlaceCallAsync('5550001', '1001', 'Answered', [TimeSpan]::FromSeconds(30), 'Bob').GetAwaiter().GetResult()").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Calls.GetCalls(completed: false).Any(c => c.State == AmiCallState.Up), Deadline, "the call is up");

            var whatIf = _ps.Run("Get-AmiCall -Active | Stop-AmiCall -WhatIf; (Get-AmiCall -Id $id).IsActive").ThrowIfErrors();
            Assert.Equal(true, whatIf.Output.Last().BaseObject);

            _ps.Run("Stop-AmiCall -Id $id -Confirm:$false").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Calls.ActiveCount == 0, Deadline, "the call ended");
            var result = _ps.Run("$c = Get-AmiCall -Id $id; $c.State; $c.Disposition; $c.From; $c.FromName").ThrowIfErrors();
            Assert.Equal(new object[] { AmiCallState.Ended, AmiCallDisposition.Answered, "5550001", "Bob" }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public async Task Receive_AmiEvent_streams_a_simulated_call()
        {
            _ps.Run("$null = $sim.Simulator.Pbx.PlaceCallAsync('5550002', '1002', 'Busy').GetAwaiter().GetResult()").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Calls.CompletedCount == 1, Deadline, "the call ended");

            var result = _ps.Run("Receive-AmiEvent -Since ([DateTimeOffset]::MinValue) -EventType DialEnd, Hangup -Timeout 0.5 | ForEach-Object { '{0} {1}{2}' -f $_.Event, $_.DialStatus, $_.Cause }").ThrowIfErrors();

            var lines = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains("DialEnd Busy", lines);
            Assert.Contains("Hangup 17", lines);
        }

        public void Dispose() => _ps.Dispose();
    }
}
