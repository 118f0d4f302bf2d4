using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Tracking
{
    /// <summary>Calls and extensions tracked end to end: the AMI simulator places calls shaped as the recorded ones.</summary>
    public sealed class SimulatorCallTests : IAsyncLifetime
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;
        private AmiSimulator _sim = null!;
        private AmiSession _session = null!;

        public async Task InitializeAsync()
        {
            _sim = await AmiSimulator.StartAsync(new AmiSimulatorOptions { Users = new[] { new AmiSimulatorUser("admin", "secret") } });
            _session = new AmiSession(
                new AmiSessionOptions
                {
                    ComputerName = "127.0.0.1",
                    Port = _sim.Port,
                    KeepAliveInterval = TimeSpan.Zero,
                    ReconnectDelay = TimeSpan.FromMilliseconds(20),
                    MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
                },
                new NetworkCredential("admin", "secret"));
            await _session.ConnectAsync();
        }

        public async Task DisposeAsync()
        {
            _session.Dispose();
            await _sim.DisposeAsync();
        }

        [Fact]
        public async Task An_answered_call_is_one_call_with_its_talk_time_and_cause()
        {
            var id = await _sim.Pbx.PlaceCallAsync("5551234", "1001", SimulatedOutcome.Answered, TimeSpan.FromMilliseconds(400), "Alice");
            await Eventually.WaitUntilAsync(() => _session.Calls.GetCall(id) is { IsActive: false }, Deadline, "the call ended");

            var call = _session.Calls.GetCall(id)!;
            Assert.Equal(AmiCallDisposition.Answered, call.Disposition);
            Assert.Equal("5551234", call.From);
            Assert.Equal("Alice", call.FromName);
            Assert.Equal("1001", call.To);
            Assert.Equal(4, call.Channels.Count);
            Assert.Equal(16, call.HangupCause);
            Assert.InRange(call.GetTalkTime().TotalSeconds, 0.3, 3);
            Assert.True(call.GetDuration() >= call.GetTalkTime());
            Assert.Single(call.Bridges);
            Assert.False(call.EndTimeInferred);
        }

        [Fact]
        public async Task Busy_and_unanswered_calls_overlap_and_have_no_talk_time()
        {
            var busy = await _sim.Pbx.PlaceCallAsync("5550002", "1002", SimulatedOutcome.Busy);
            var noAnswer = await _sim.Pbx.PlaceCallAsync("5550003", "1004", SimulatedOutcome.NoAnswer);
            await Eventually.WaitUntilAsync(() => _session.Calls.CompletedCount == 2, TimeSpan.FromSeconds(15), "both calls ended");

            var b = _session.Calls.GetCall(busy)!;
            var n = _session.Calls.GetCall(noAnswer)!;
            Assert.Equal(AmiCallDisposition.Busy, b.Disposition);
            Assert.Equal(AmiCallDisposition.NoAnswer, n.Disposition);
            Assert.Equal(TimeSpan.Zero, b.GetTalkTime());
            Assert.Equal(TimeSpan.Zero, n.GetTalkTime());
            Assert.Null(b.AnswerTime);
            Assert.True(b.StartTime < n.EndTime && n.StartTime < b.EndTime, "the calls overlap");
        }

        [Fact]
        public async Task Extension_states_are_loaded_at_login_and_follow_the_PBX()
        {
            Assert.Equal(_sim.Pbx.Extensions.Select(e => e.Exten).OrderBy(x => x), _session.Extensions.GetExtensions().Select(e => e.Exten).OrderBy(x => x));

            _sim.Pbx.SetExtensionState("1003", 8);
            await Eventually.WaitUntilAsync(() => _session.Extensions.GetExtensions().Single(e => e.Exten == "1003").Status == 8, Deadline, "1003 ringing");
            Assert.Equal("Ringing", _session.Extensions.GetExtensions().Single(e => e.Exten == "1003").StatusText);
        }

        [Fact]
        public async Task After_the_link_dies_during_a_call_the_session_catches_up_with_the_PBX()
        {
            var first = await _sim.Pbx.PlaceCallAsync("5551111", "1001", SimulatedOutcome.Answered, TimeSpan.FromSeconds(30));
            await Eventually.WaitUntilAsync(() => _session.Calls.GetCall(first)?.State == AmiCallState.Up, Deadline, "the first call is up");

            // The link dies and stays down while the PBX moves on: the call ends, another starts, 1003 rings.
            _sim.Faults.RefuseConnectionsFor(TimeSpan.FromMilliseconds(500));
            _sim.Faults.CloseAll();
            await Eventually.WaitUntilAsync(() => _session.State != AmiSessionState.Connected, Deadline, "the link is down");
            var hungUp = _sim.Pbx.ActiveChannels.First(c => c.Linkedid == first).Name;
            Assert.True(_sim.Pbx.Hangup(hungUp));
            await Eventually.WaitUntilAsync(() => _sim.Pbx.ActiveChannels.All(c => c.Linkedid != first), Deadline, "the PBX ended the first call");
            var second = await _sim.Pbx.PlaceCallAsync("5552222", "1003", SimulatedOutcome.Answered, TimeSpan.FromSeconds(30));
            await Eventually.WaitUntilAsync(() => _sim.Pbx.ActiveChannels.Count(c => c.Linkedid == second) == 4, Deadline, "the second call is up on the PBX");
            _sim.Pbx.SetExtensionState("1002", 4);

            await Eventually.WaitUntilAsync(() => _session.ReconnectCount >= 1 && _session.Calls.GetCall(second) is not null, Deadline, "reconnected and resynchronised");

            var vanished = _session.Calls.GetCall(first)!;
            Assert.Equal(AmiCallState.Ended, vanished.State);
            Assert.Equal(AmiCallDisposition.Unknown, vanished.Disposition);
            Assert.True(vanished.EndTimeInferred);
            var found = _session.Calls.GetCall(second)!;
            Assert.True(found.IsActive);
            Assert.True(found.StartTimeInferred);
            Assert.Equal(4, found.Channels.Count);
            Assert.Equal(4, _session.Extensions.GetExtensions().Single(e => e.Exten == "1002").Status);
        }
    }
}
