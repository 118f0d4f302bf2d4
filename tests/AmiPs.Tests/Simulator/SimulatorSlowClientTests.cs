using System;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>A session that stops reading is disconnected when its queue overflows (Asterisk's writetimeout); the others go on.</summary>
    public sealed class SimulatorSlowClientTests : SimulatorTestBase
    {
        protected override AmiSimulatorOptions Configure(AmiSimulatorOptions options) => options with { SessionQueueCapacity = 1000 };

        [Fact]
        public async Task A_stalled_session_is_dropped_and_a_reading_one_gets_every_live_event()
        {
            var reader = await LoginAsync("call");
            using var stalled = new TcpClient { ReceiveBufferSize = 4096 };
            await stalled.ConnectAsync("127.0.0.1", Simulator.Port);
            await stalled.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"Action: Login\r\nUsername: admin\r\nSecret: {AdminSecret}\r\nEvents: call\r\n\r\n"));
            await Eventually.WaitUntilAsync(() => Simulator.Sessions.Count(s => s.LoggedIn) == 2, TimeSpan.FromSeconds(5), "two logged-in sessions");

            const int Batches = 250, PerBatch = 60; // 15000 events of 1 KB: more than the stalled socket's kernel buffers and queue hold
            var padding = new string('x', 900);
            var consumed = 0;
            var consumer = Task.Run(async () =>
            {
                while (consumed < Batches * PerBatch)
                {
                    if ((await reader.ReadAsync(TimeSpan.FromSeconds(10))).Name == "Load")
                    {
                        consumed++;
                    }
                }
            });
            for (var b = 0; b < Batches && !consumer.IsFaulted; b++)
            {
                for (var i = 0; i < PerBatch; i++)
                {
                    Simulator.Broadcast(new SimEvent("Load", AmiClasses.Call).Add("Seq", b * PerBatch + i).Add("Padding", padding));
                }

                await Task.Delay(1);
            }

            await consumer;
            Assert.Equal(Batches * PerBatch, consumed);
            Assert.False(reader.Closed);
            await Eventually.WaitUntilAsync(() => Simulator.ConnectionCount == 1, TimeSpan.FromSeconds(5), "the stalled session was dropped");
        }
    }
}
