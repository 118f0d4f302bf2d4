using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Client
{
    public sealed class SessionFaultTests : ClientTestBase
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;

        [Fact]
        public async Task A_close_mid_message_reconnects_and_actions_work_again()
        {
            using var session = NewSession();
            await session.ConnectAsync();
            using var events = session.Subscribe();

            await Server.LastPeer!.SendRawAsync(Encoding.ASCII.GetBytes("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/half"));
            Server.LastPeer!.Close();

            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.State == AmiSessionState.Connected, Deadline, "reconnected");
            var ping = await session.SendActionAsync(new AmiAction("Ping"));
            Assert.Equal("Pong", ping["Ping"]);
            Assert.Equal(2, Server.Connections);
            Assert.Equal(
                new[] { AmiSessionState.Connecting, AmiSessionState.Connected, AmiSessionState.Reconnecting, AmiSessionState.Connected },
                session.StateHistory.Select(c => c.State));
            // The half message was never delivered as an event.
            while (events.TryRead(out var e))
            {
                Assert.NotEqual("PJSIP/half", e["Channel"]);
            }
        }

        [Fact]
        public async Task A_peer_that_stops_answering_is_detected_within_the_keepalive_window()
        {
            var interval = TimeSpan.FromMilliseconds(200);
            using var session = NewSession(o => o with { KeepAliveInterval = interval, PingTimeout = TimeSpan.FromMilliseconds(200), ReconnectDelay = TimeSpan.FromSeconds(30), MaxReconnectDelay = TimeSpan.FromSeconds(30) });
            await session.ConnectAsync();
            await Eventually.WaitUntilAsync(() => session.LastPingRoundTrip is not null, Deadline, "a first keep-alive ping");

            Server.IgnorePings = true;
            var detected = await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Reconnecting, Deadline, "dead peer detected");

            Assert.True(detected < TimeSpan.FromSeconds(2), $"took {detected}");
            Assert.Contains("keep-alive", session.LastError);
        }

        [Fact]
        public async Task Garbage_and_overlong_lines_are_counted_and_the_session_lives_on()
        {
            using var session = NewSession(o => o with { MaxLineLength = 1024, MaxMessageLength = 8192 });
            await session.ConnectAsync();
            using var events = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "Hangup" } });
            var peer = Server.LastPeer!;

            await peer.SendRawAsync(Encoding.ASCII.GetBytes("this is not AMI\r\n\r\n"));
            await peer.SendRawAsync(Encoding.ASCII.GetBytes("Event: Junk\r\nData: " + new string('x', 5000) + "\r\n\r\n"));
            await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/after"));

            await Eventually.WaitUntilAsync(() => events.Pending == 1, Deadline, "the event after the garbage");
            Assert.True(events.TryRead(out var hangup));
            Assert.Equal("PJSIP/after", hangup["Channel"]);
            Assert.True(session.ProtocolErrors >= 2, $"ProtocolErrors = {session.ProtocolErrors}");
            Assert.Equal(AmiSessionState.Connected, session.State);
        }

        [Fact]
        public async Task After_the_allowed_attempts_the_session_is_Failed()
        {
            using var session = NewSession(o => o with { MaxReconnectAttempts = 3, ReconnectDelay = TimeSpan.FromMilliseconds(10), MaxReconnectDelay = TimeSpan.FromMilliseconds(40) });
            await session.ConnectAsync();
            using var events = session.Subscribe();

            Server.Dispose(); // nobody listens any more
            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Failed, Deadline, "Failed");

            Assert.Contains("3 reconnection attempts", session.LastError);
            var log = session.Log.GetEntries().Select(e => e.Message).ToList();
            Assert.Contains(log, m => m.Contains("Scheduling reconnection attempt 1/3"));
            Assert.Contains(log, m => m.Contains("Scheduling reconnection attempt 3/3"));
            while (events.TryRead(out _))
            {
            }

            Assert.True(await Task.WhenAny(events.Completion, Task.Delay(Deadline)) == events.Completion, $"completion {events.Completion.Status}, pending {events.Pending}, state {session.State}"); // subscribers are told nothing more will come
        }

        [Fact]
        public void Backoff_doubles_to_the_cap_with_bounded_jitter()
        {
            var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), new Random(42));

            Assert.Equal(new[] { 5.0, 10, 20, 40, 60, 60 }, Enumerable.Range(1, 6).Select(n => backoff.BaseDelay(n).TotalSeconds));
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(2).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 8.0, 12.0));
            Assert.True(delays.Distinct().Count() > 100, "jitter spreads the delays");
            Assert.All(Enumerable.Range(0, 100).Select(_ => backoff.Delay(10).TotalSeconds), d => Assert.InRange(d, 48.0, 60.0));
        }

        [Fact]
        public async Task A_reconnect_does_not_double_events()
        {
            using var session = NewSession();
            await session.ConnectAsync();
            Server.LastPeer!.Close();
            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.State == AmiSessionState.Connected, Deadline, "reconnected");
            using var events = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "Hangup" } });

            await Server.LastPeer!.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/once"));
            await Eventually.WaitUntilAsync(() => events.Pending >= 1, Deadline, "event");
            await Task.Delay(100);
            Assert.Equal(1, events.Pending);
        }
    }
}
