using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Faults
{
    /// <summary>Hostile bytes over a real socket: the session counts them, stays connected and keeps delivering.</summary>
    public sealed class BadInputSessionTests : FaultTestBase
    {
        public BadInputSessionTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Fact]
        public async Task Random_garbage_between_events_never_stops_the_session()
        {
            using var session = await ConnectedSessionAsync(o => o with { Port = Server.Port });
            using var events = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "Hangup" } });
            var peer = Server.LastPeer!;
            var random = new Random(20261125);
            const int Rounds = 40;

            for (var i = 0; i < Rounds; i++)
            {
                var garbage = new byte[random.Next(0, 3000)];
                random.NextBytes(garbage);
                if (garbage.Length > 0)
                {
                    garbage[0] = 0; // a NUL in every round; invalid UTF-8 comes with the random bytes
                }

                await peer.SendRawAsync(garbage.Concat(Encoding.ASCII.GetBytes("\r\nno colon\r\n\r\n\r\n")).ToArray());
                await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/r" + i));
            }

            await Eventually.WaitUntilAsync(() => events.Pending == Rounds, Deadline, "every event after the garbage");
            Assert.Equal(Enumerable.Range(0, Rounds).Select(i => "PJSIP/r" + i), Enumerable.Range(0, Rounds).Select(_ => { events.TryRead(out var e); return e!["Channel"]; }));
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.True(session.ProtocolErrors >= Rounds, $"ProtocolErrors = {session.ProtocolErrors}");
            Assert.Equal("Pong", (await session.SendActionAsync(new AmiAction("Ping")))["Ping"]);
            Output.WriteLine($"{Rounds} rounds of garbage: {session.ProtocolErrors} protocol errors counted, all {Rounds} events delivered");
        }

        [Fact]
        public async Task A_10_MB_line_over_the_socket_is_one_error_and_the_session_goes_on()
        {
            using var session = await ConnectedSessionAsync(o => o with { Port = Server.Port });
            using var events = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "Hangup" } });
            var peer = Server.LastPeer!;

            await peer.SendRawAsync(Encoding.ASCII.GetBytes("Event: Huge\r\nData: ").Concat(Enumerable.Repeat((byte)'x', 10 * 1024 * 1024)).Concat(Encoding.ASCII.GetBytes("\r\n\r\n")).ToArray());
            await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/after"));

            await Eventually.WaitUntilAsync(() => events.Pending == 1, Deadline, "the event after the huge line");
            Assert.Equal(1, session.ProtocolErrors);
            Assert.Equal(AmiSessionState.Connected, session.State);
        }
    }
}
