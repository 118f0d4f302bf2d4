using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Simulator;

namespace AmiPs.Throughput
{
    /// <summary>The project's AMI simulator (src/AmiPs.Simulator) and its flood mode, in this process.</summary>
    public sealed class SimulatorFlood : IFlood
    {
        private readonly AmiSimulator _simulator;

        private SimulatorFlood(AmiSimulator simulator, string user, string secret)
        {
            _simulator = simulator;
            User = user;
            Secret = secret;
        }

        public string Description => "src/AmiPs.Simulator AmiSimulator.FloodAsync (16 generated calls' events, cycled)";

        public int Port => _simulator.Port;

        public string User { get; }

        public string Secret { get; }

        /// <summary>Measured once at start on a raw socket: the simulator does not report the size of its flood frames.</summary>
        public double AverageEventBytes { get; private set; }

        public static async Task<SimulatorFlood> StartAsync(string user, string secret)
        {
            var simulator = await AmiSimulator.StartAsync(new AmiSimulatorOptions { Users = new[] { new AmiSimulatorUser(user, secret) } }).ConfigureAwait(false);
            var flood = new SimulatorFlood(simulator, user, secret);
            flood.AverageEventBytes = await flood.MeasureEventBytesAsync(2_000).ConfigureAwait(false);
            return flood;
        }

        public ValueTask DisposeAsync() => _simulator.DisposeAsync();

        private async Task<double> MeasureEventBytesAsync(int events)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            var login = Encoding.ASCII.GetBytes($"Action: Login\r\nUsername: {User}\r\nSecret: {Secret}\r\nEvents: call\r\n\r\n");
            await stream.WriteAsync(login).ConfigureAwait(false);
            var text = new StringBuilder();
            var buffer = new byte[65536];
            while (text.ToString().IndexOf("Authentication accepted", StringComparison.Ordinal) < 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer).ConfigureAwait(false)));
            }

            var flood = _simulator.FloodAsync(events);
            long bytes = 0;
            var seen = 0;
            var tail = string.Empty;
            while (seen < events)
            {
                var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                bytes += read;
                var chunk = tail + Encoding.ASCII.GetString(buffer, 0, read);
                for (var at = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal); at >= 0; at = chunk.IndexOf("\r\n\r\n", at + 4, StringComparison.Ordinal))
                {
                    seen++;
                }

                tail = chunk.Substring(Math.Max(0, chunk.Length - 3));
            }

            await flood.ConfigureAwait(false);
            return bytes / (double)Math.Max(1, seen);
        }

        // Every client here waits for its login response before the flood starts, so the session is logged in.
        public Task WaitForLoginsAsync(int count, TimeSpan timeout) =>
            DotNetScenario.WaitForAsync(() => _simulator.ConnectionCount >= count, timeout);

        public Task FloodAsync(long events) => _simulator.FloodAsync(events);

        public Task<long> PrepareAsync(long events) => Task.FromResult(-1L);

        public Task PaceAsync(int count, TimeSpan interval) => throw new NotSupportedException("The simulator's flood has no paced mode: use --server bench.");
    }
}
