using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Simulator
{
    /// <summary>Every fault the simulator offers, seen from a raw socket and from the product's session.</summary>
    public sealed class SimulatorFaultTests : SimulatorTestBase
    {

        [Fact]
        public async Task CloseAll_drops_every_session_and_new_connections_still_work()
        {
            var a = await LoginAsync();
            var b = await LoginAsync();
            Assert.Equal(2, Simulator.ConnectionCount);

            Simulator.Faults.CloseAll();

            await a.WaitClosedAsync();
            await b.WaitClosedAsync();
            await Eventually.WaitUntilAsync(() => Simulator.ConnectionCount == 0, Deadline, "sessions gone");
            await LoginAsync();
            Assert.Equal(3, Simulator.TotalConnections);
        }

        [Fact]
        public async Task CloseMidMessage_sends_half_an_event_then_closes()
        {
            var client = await LoginAsync("off");

            Simulator.Faults.CloseMidMessage();

            var all = await client.ReadToEndAsync();
            Assert.True(client.Closed);
            Assert.Empty(all); // the half event never completes
        }

        [Fact]
        public async Task StopAnswering_reads_actions_without_answering_until_turned_off()
        {
            var client = await LoginAsync("off");
            Simulator.Faults.StopAnswering = true;
            await client.SendAsync("Ping", ("ActionID", "lost"));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadAsync(TimeSpan.FromMilliseconds(200)));

            Simulator.Faults.StopAnswering = false;
            await client.SendAsync("Ping", ("ActionID", "answered"));
            var pong = await client.ReadAsync();
            Assert.Equal("answered", pong.ActionId);
            Assert.False(client.Closed);
        }

        [Fact]
        public async Task Garbage_and_an_overlong_line_are_sent_and_the_session_goes_on()
        {
            var client = await LoginAsync("off");

            await Simulator.Faults.SendGarbageAsync();
            await Simulator.Faults.SendOverlongLineAsync(100_000);
            await client.SendAsync("Ping", ("ActionID", "after"));

            var (pong, before) = await client.ReadUntilAsync(m => m.ActionId == "after");
            Assert.Equal("Pong", pong["Ping"]);
            Assert.True(client.ProtocolErrors >= 2, $"the parser saw {client.ProtocolErrors} errors");
            Assert.DoesNotContain(before, m => m.Name == "Overlong"); // dropped by the client's 64 KiB line limit
        }

        [Fact]
        public async Task RefuseConnectionsFor_refuses_new_connections_then_listens_again_on_the_same_port()
        {
            var open = await LoginAsync("off");
            var port = Simulator.Port;

            Simulator.Faults.RefuseConnectionsFor(TimeSpan.FromMilliseconds(300));

            await Assert.ThrowsAnyAsync<SocketException>(async () =>
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
            });
            await open.SendAsync("Ping", ("ActionID", "still"));
            Assert.Equal("still", (await open.ReadAsync()).ActionId);
            await Eventually.WaitUntilAsync(() => Simulator.IsListening, Deadline, "listening again");
            Assert.Equal(port, Simulator.Port);
            await LoginAsync();
        }

        [Fact]
        public async Task Restart_sends_Shutdown_closes_everything_and_the_session_reconnects_on_the_same_port()
        {
            var raw = await LoginAsync();
            using var session = NewSession();
            await session.ConnectAsync();
            var port = Simulator.Port;

            await Simulator.Faults.RestartAsync(TimeSpan.FromMilliseconds(100));

            var (shutdown, _) = await raw.ReadEventAsync("Shutdown");
            Assert.Equal("Cleanly", shutdown["Shutdown"]);
            Assert.Equal("True", shutdown["Restart"]);
            await raw.WaitClosedAsync();
            Assert.Equal(port, Simulator.Port);
            await Eventually.WaitUntilAsync(() => session.ReconnectCount >= 1 && session.State == AmiSessionState.Connected, Deadline, "the session reconnected");
            var pong = await session.SendActionAsync(new AmiPs.Protocol.AmiAction("Ping"));
            Assert.True(pong.IsSuccess);
        }

        [Fact]
        public async Task Stopping_twice_is_harmless_and_closes_sessions()
        {
            var client = await LoginAsync("off");
            await Simulator.StopAsync();
            await Simulator.StopAsync();
            await client.WaitClosedAsync();
            Assert.False(Simulator.IsListening);
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Simulator.Port);
                var buffer = new byte[64];
                var read = await tcp.GetStream().ReadAsync(buffer);
                if (read == 0)
                {
                    throw new IOException("closed");
                }
            });
        }
    }
}
