using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>Flood and traffic: exact counts, backpressure, and one slow reader not holding up the others.</summary>
    public sealed class SimulatorLoadTests : SimulatorTestBase
    {
        [Fact]
        public async Task Flood_sends_exactly_the_asked_number_of_realistic_events_to_every_session()
        {
            var a = await LoginAsync("off");
            var b = await LoginAsync("off");
            var before = Simulator.EventsSent;

            var sent = await Simulator.FloodAsync(1500);

            Assert.Equal(3000, sent);
            Assert.Equal(before + 3000, Simulator.EventsSent);
            foreach (var client in new[] { a, b })
            {
                await client.SendAsync("Ping", ("ActionID", "end"));
                var (_, events) = await client.ReadUntilAsync(m => m.ActionId == "end");
                Assert.Equal(1500, events.Count);
                Assert.All(events, e =>
                {
                    Assert.Equal(AmiMessageKind.Event, e.Kind);
                    Assert.InRange(e.Count, 15, 25);
                });
                var bytes = events.Average(e => AmiMessageWriter.ToBytes(e).Length);
                Assert.InRange(bytes, 300, 550);
            }
        }

        [Fact]
        public async Task A_session_that_does_not_read_holds_up_only_its_own_flood()
        {
            var reader = await LoginAsync("off");
            // A socket that logs in and never reads; a small receive window so the kernel cannot absorb the flood.
            using var stalled = new System.Net.Sockets.TcpClient { ReceiveBufferSize = 4096 };
            await stalled.ConnectAsync("127.0.0.1", Simulator.Port);
            await stalled.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes($"Action: Login\r\nUsername: admin\r\nSecret: {AdminSecret}\r\nEvents: off\r\n\r\n"));
            await Eventually.WaitUntilAsync(() => Simulator.Sessions.Count(s => s.LoggedIn) == 2, TimeSpan.FromSeconds(5), "two logged-in sessions");

            using var cts = new CancellationTokenSource();
            var flood = Simulator.FloodAsync(30_000, cts.Token);
            var received = 0;
            while (received < 30_000)
            {
                var m = await reader.ReadAsync();
                if (m.Kind == AmiMessageKind.Event)
                {
                    received++;
                }
            }

            Assert.False(flood.IsCompleted, "the stalled session cannot have taken 30000 events");
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flood);
        }

        [Fact]
        public async Task Traffic_places_random_calls_until_stopped()
        {
            var client = await LoginAsync("call");
            Simulator.StartTraffic(40);

            await Eventually.WaitUntilAsync(() => Simulator.Pbx.CallsProcessed >= 5, TimeSpan.FromSeconds(5), "five calls");
            Simulator.StopTraffic();
            var (hangup, _) = await client.ReadEventAsync("Hangup");
            Assert.NotNull(hangup["Cause"]);
            await Eventually.WaitUntilAsync(() => Simulator.Pbx.ActiveCalls == 0 && Simulator.Pbx.ActiveChannels.Count == 0, TimeSpan.FromSeconds(5), "calls ended");
            var processed = Simulator.Pbx.CallsProcessed;
            await Task.Delay(100);
            Assert.Equal(processed, Simulator.Pbx.CallsProcessed);
        }
    }
}
