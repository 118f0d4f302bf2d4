using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace AmiPs.Tests.Faults
{
    /// <summary>Each fault the proxy can inject, against a live session: what state it reports, how fast it notices and recovers.</summary>
    public sealed class FaultMatrixTests : FaultTestBase
    {
        public FaultMatrixTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Fact]
        public async Task A_cut_mid_message_is_detected_at_once_and_recovered()
        {
            // Keep-alive off: only the read loop can notice the cut. "At once" is that, and being back at the first
            // reconnection attempt, not a wall-clock bound (timings are printed, and measured in bench/).
            using var session = await ConnectedSessionAsync(o => o with { KeepAliveInterval = TimeSpan.Zero });
            using var events = session.Subscribe();

            await MeasureAsync(session, "FIN mid-message", () => Proxy.DropMidMessageAsync());

            Assert.Equal("Connecting -> Connected -> Reconnecting -> Connected", History(session));
            AssertDetectedByTheReaderAndBackAtTheFirstAttempt(session);
            Assert.Equal("Pong", (await session.SendActionAsync(new AmiAction("Ping")))["Ping"]);
            while (events.TryRead(out var e))
            {
                Assert.NotEqual("PJSIP/cut", e["Channel"]); // the half message is never delivered
            }
        }

        [Fact]
        public async Task A_reset_is_detected_at_once_and_recovered()
        {
            using var session = await ConnectedSessionAsync(o => o with { KeepAliveInterval = TimeSpan.Zero });

            await MeasureAsync(session, "RST", Proxy.ResetAll);

            Assert.Equal("Connecting -> Connected -> Reconnecting -> Connected", History(session));
            AssertDetectedByTheReaderAndBackAtTheFirstAttempt(session);
            Assert.Equal(2, Server.Connections);
        }

        private static void AssertDetectedByTheReaderAndBackAtTheFirstAttempt(AmiSession session)
        {
            var log = session.Log.GetEntries();
            Assert.Contains(log, e => e.EventName == nameof(AmiLogEvents.ConnectionClosed));
            Assert.DoesNotContain(log, e => e.EventName == nameof(AmiLogEvents.KeepAliveFailed));
            Assert.DoesNotContain(log, e => e.EventName == nameof(AmiLogEvents.ReconnectFailed));
            Assert.Equal(1, session.ReconnectCount);
        }

        [Fact]
        public async Task A_stall_is_detected_within_keepalive_plus_ping_timeout_and_fails_the_pending_action()
        {
            var interval = TimeSpan.FromMilliseconds(100);
            var pingTimeout = TimeSpan.FromMilliseconds(100);
            using var session = await ConnectedSessionAsync(o => o with { KeepAliveInterval = interval, PingTimeout = pingTimeout });
            await Eventually.WaitUntilAsync(() => session.LastPingRoundTrip is not null, Deadline, "a first ping");

            Proxy.Stalled = true;
            var watch = Stopwatch.StartNew();
            var pending = session.SendActionAsync(new AmiAction("Ping"), TimeSpan.FromSeconds(5));
            var (detect, recover) = await MeasureAsync(session, "stall (half-open)", () => { }, () => Proxy.Stalled = false, faultLasts: TimeSpan.FromMilliseconds(600));

            // Detection takes interval + ping timeout (+ the time to the next ping); the slack covers a 2-core machine
            // at load 20, where timers fire late. The measured figure is printed for the report.
            Assert.True(detect < interval + pingTimeout + TimeSpan.FromSeconds(1), $"detect {detect}");
            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => pending);
            Assert.Equal(AmiConnectionFailure.DeadPeer, error.Failure);
            Assert.Contains("keep-alive", error.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the pending action failed with the link, not at its own timeout");
            Assert.True(recover < TimeSpan.FromSeconds(2), $"recover {recover}");
            Assert.StartsWith("Connecting -> Connected -> Reconnecting", History(session));
        }

        [Fact]
        public async Task Every_byte_in_its_own_segment_changes_nothing()
        {
            Proxy.Fragment = true;
            Server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/1001-01"), ("ChannelState", "6"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("Duration", "00:00:03") });
            using var session = await ConnectedSessionAsync();

            var ping = await session.SendActionAsync(new AmiAction("Ping"));
            var list = await session.SendActionAsync(new AmiAction("CoreShowChannels"));

            Assert.Equal("Pong", ping["Ping"]);
            Assert.Single(list.Events);
            Assert.Equal(0, session.ProtocolErrors);
            Assert.Equal("Connecting -> Connected", History(session));
        }

        [Fact]
        public async Task A_slow_link_is_slow_but_alive()
        {
            var delay = TimeSpan.FromMilliseconds(40);
            using var session = await ConnectedSessionAsync(o => o with { KeepAliveInterval = TimeSpan.FromMilliseconds(100), PingTimeout = TimeSpan.FromMilliseconds(300) });
            Proxy.Delay = delay;

            var watch = Stopwatch.StartNew();
            var ping = await session.SendActionAsync(new AmiAction("Ping"));
            Output.WriteLine($"delay {delay.TotalMilliseconds} ms per chunk: Ping answered in {watch.ElapsedMilliseconds} ms");

            Assert.Equal("Pong", ping["Ping"]);
            var timerSlack = TimeSpan.FromMilliseconds(5); // timers may fire a millisecond early
            Assert.True(watch.Elapsed >= delay - timerSlack, "the delay was applied");
            await Eventually.WaitUntilAsync(() => session.GetLastPingRoundTrip() >= delay - timerSlack, Deadline, "a keep-alive through the slow link");
            Assert.Equal(0, session.ReconnectCount);
        }

        [Fact]
        public async Task A_duplicated_banner_is_counted_and_the_login_still_works()
        {
            Proxy.DuplicateBanner = true;
            using var session = await ConnectedSessionAsync();

            var ping = await session.SendActionAsync(new AmiAction("Ping"));

            Assert.Equal("Pong", ping["Ping"]);
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.True(session.ProtocolErrors >= 1, $"ProtocolErrors = {session.ProtocolErrors}");
        }

        [Fact]
        public async Task Refused_connections_are_retried_until_the_server_takes_them_again()
        {
            using var session = await ConnectedSessionAsync();
            var refuse = TimeSpan.FromMilliseconds(300);

            var (_, recover) = await MeasureAsync(session, "refused for 300 ms", () => { Proxy.RefuseFor(refuse); Proxy.ResetAll(); });

            Assert.True(Proxy.Refused >= 1, "some attempts were refused");
            Assert.Equal(1, session.ReconnectCount);
            Assert.Contains(session.Log.GetEntries(), e => e.Message.StartsWith("Reconnection attempt 1 failed"));
            Output.WriteLine($"{Proxy.Refused} attempts refused; back {(recover - refuse).TotalMilliseconds:0} ms after the refusal ended");
        }

        [Fact]
        public async Task After_MaxReconnectAttempts_refusals_the_session_is_Failed_and_actions_say_so()
        {
            using var session = await ConnectedSessionAsync(o => o with { MaxReconnectAttempts = 4 });
            Proxy.RefuseFor(TimeSpan.FromMinutes(1));
            var watch = Stopwatch.StartNew();
            Proxy.ResetAll();

            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Failed, Deadline, "Failed");
            Output.WriteLine($"Failed after 4 attempts in {watch.ElapsedMilliseconds} ms");

            Assert.Equal(4, Proxy.Refused);
            Assert.Contains("Gave up after 4 reconnection attempts", session.LastError);
            Assert.Equal("Connecting -> Connected -> Reconnecting -> Failed", History(session));
            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.SendActionAsync(new AmiAction("Ping")));
            Assert.Contains("gave up reconnecting", error.Message);
        }

        [Fact]
        public async Task A_cut_during_login_is_a_connection_fault_and_is_retried()
        {
            using var session = await ConnectedSessionAsync();
            Proxy.CutLogins(2);

            await MeasureAsync(session, "cut during 2 logins", Proxy.ResetAll);

            Assert.Equal(1, session.ReconnectCount);
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.Equal(2, session.Log.GetEntries().Count(e => e.Message.StartsWith("Reconnection attempt")));
            Assert.Equal(2, Server.ReceivedCount("Login")); // the first login and the one that got through
        }

        [Fact]
        public async Task A_cut_during_the_first_login_fails_Connect_with_a_clear_error()
        {
            Proxy.CutLogins(1);
            using var session = NewSession();

            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.ConnectAsync());

            Assert.Equal(AmiSessionState.Failed, session.State);
            Assert.Contains("Login", error.Message);
            Assert.Equal(0, Server.ReceivedCount("Login"));
        }

        [Fact]
        public async Task The_backoff_doubles_to_the_cap_with_jitter_and_counts_attempts()
        {
            var first = TimeSpan.FromMilliseconds(10);
            var cap = TimeSpan.FromMilliseconds(80);
            using var session = await ConnectedSessionAsync(o => o with { ReconnectDelay = first, MaxReconnectDelay = cap, MaxReconnectAttempts = 7 });
            Proxy.RefuseFor(TimeSpan.FromMinutes(1));
            Proxy.ResetAll();
            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Failed, Deadline, "Failed");

            var scheduled = session.Log.GetEntries()
                .Where(e => e.Message.StartsWith("Scheduling reconnection attempt"))
                .Select(e => e.Message)
                .ToList();
            Output.WriteLine(string.Join(Environment.NewLine, scheduled));
            Assert.Equal(7, scheduled.Count);
            for (var n = 1; n <= 7; n++)
            {
                var message = scheduled[n - 1];
                Assert.Contains($"attempt {n}/7 in ", message);
                var ms = double.Parse(message.Split(" in ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                var expected = Math.Min(first.TotalMilliseconds * Math.Pow(2, n - 1), cap.TotalMilliseconds);
                Assert.InRange(ms, Math.Floor(expected * (1 - ReconnectBackoff.Jitter)), Math.Min(expected * (1 + ReconnectBackoff.Jitter), cap.TotalMilliseconds));
            }
        }

        [Fact]
        public async Task Pending_actions_fail_at_once_when_the_link_drops()
        {
            // Never answers Slow; refuses the rest (the trackers' ListCommands after login), or each would wait out its timeout.
            Server.OnAction = (peer, action) => action["Action"] == "Slow" ? Task.CompletedTask : ScriptedAmiServer.RefuseAsync(peer, action);
            using var session = await ConnectedSessionAsync(o => o with { ActionTimeout = TimeSpan.FromSeconds(30) });
            var pending = Enumerable.Range(0, 5).Select(_ => session.SendActionAsync(new AmiAction("Slow"))).ToArray();
            await Eventually.WaitUntilAsync(() => Server.ReceivedCount("Slow") == 5, Deadline, "actions sent");

            var watch = Stopwatch.StartNew();
            Proxy.ResetAll();
            foreach (var task in pending)
            {
                var error = await Assert.ThrowsAsync<AmiConnectionException>(() => task);
                Assert.Equal(AmiConnectionFailure.Closed, error.Failure);
            }

            Output.WriteLine($"5 pending actions failed {watch.ElapsedMilliseconds} ms after the reset");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        }

        [Fact]
        public async Task Calls_and_extensions_are_resynchronised_after_recovery()
        {
            Server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "0"), ("StatusText", "Idle") });
            using var session = await ConnectedSessionAsync();
            Assert.Equal("Idle", session.Extensions.GetExtensions().Single().StatusText);

            Proxy.Stalled = true; // events in the gap are lost, as on a real outage
            while (Server.Hints.TryDequeue(out _))
            {
            }

            Server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "1"), ("StatusText", "InUse") });
            Server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/1001-07"), ("ChannelState", "6"), ("CallerIDNum", "1001"), ("Uniqueid", "7.1"), ("Linkedid", "7.1"), ("Duration", "00:00:09"), ("BridgeId", "") });
            Proxy.ResetAll();
            Proxy.Stalled = false;

            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.Calls.GetCall("7.1") is not null, Deadline, "resynchronised");
            Assert.Equal("InUse", session.Extensions.GetExtensions().Single().StatusText);
            Assert.True(session.Calls.GetCall("7.1")!.IsActive);
        }
    }
}
