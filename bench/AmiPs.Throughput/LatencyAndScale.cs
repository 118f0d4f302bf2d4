using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Bench;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Throughput
{
    /// <summary>Connect latency and tracker scale.</summary>
    public static class LatencyAndScale
    {
        /// <summary>
        /// New session each run: TCP connect, banner, Challenge + MD5 Login, the resync that every login does
        /// (ExtensionStateList, CoreShowChannels), then one Ping answered. Median and p99 over <paramref name="runs"/>.
        /// </summary>
        public static async Task<string> ConnectAsync(IFlood server, int runs)
        {
            var total = new List<double>();
            var toConnected = new List<double>();
            for (var i = 0; i < runs + 5; i++)
            {
                using var session = DotNetScenario.NewSession(server, "latency");
                var clock = Stopwatch.StartNew();
                await session.ConnectAsync().ConfigureAwait(false);
                var connected = clock.Elapsed.TotalMilliseconds;
                var pong = await session.SendActionAsync(new AmiAction("Ping")).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (!pong.IsSuccess)
                {
                    throw new InvalidOperationException("Ping failed: " + pong.Message);
                }

                if (i >= 5)
                {
                    // The first runs warm up the JIT; they are not counted.
                    total.Add(elapsed);
                    toConnected.Add(connected);
                }

                await session.DisconnectAsync().ConfigureAwait(false);
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "Connect + MD5 login + resync + Ping over {0} runs: median {1:0.00} ms, p99 {2:0.00} ms (connect + login + resync alone: median {3:0.00} ms)",
                runs,
                Percentile(total, 50),
                Percentile(total, 99),
                Percentile(toConnected, 50));
        }

        /// <summary>
        /// <paramref name="calls"/> two-leg calls and <paramref name="extensions"/> extensions sent over the wire to a
        /// PowerShell session, then Get-AmiCall -Active and Get-AmiExtension timed in the engine; and one event's
        /// processing by a tracker holding that many calls.
        /// </summary>
        public static async Task<IReadOnlyList<string>> TrackerAsync(FloodServer server, PowerShellScenario ps, int calls, int extensions)
        {
            var report = new List<string>();
            ps.SetVariable("port", server.Port);
            ps.SetVariable("user", server.User);
            ps.SetVariable("secret", server.Secret);
            var session = (AmiSession)ps.Run(
                "$cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $secret).SecurePassword); " +
                "Connect-Ami 127.0.0.1 -Port $port -Credential $cred -NoReconnect -Name scale").Single().BaseObject;
            try
            {
                await server.WaitForLoginsAsync(1, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var bytes = new MemoryStream();
                for (var i = 0; i < calls; i++)
                {
                    Write(bytes, SyntheticEvents.NewchannelFields(i, 0));
                    Write(bytes, SyntheticEvents.NewchannelFields(i, 1));
                }

                for (var i = 0; i < extensions; i++)
                {
                    Write(bytes, SyntheticEvents.ExtensionStatusFields(i, i % 2));
                }

                await server.SendAsync(bytes.ToArray()).ConfigureAwait(false);
                await DotNetScenario.WaitForAsync(() => session.Calls.ActiveCount == calls && session.Extensions.Count == extensions, TimeSpan.FromSeconds(60)).ConfigureAwait(false);

                var count = (int)ps.Run("@(Get-AmiCall -Active).Count").Single().BaseObject;
                if (count != calls)
                {
                    throw new InvalidOperationException($"Get-AmiCall -Active returned {count} calls, expected {calls}.");
                }

                report.Add(Time(ps, $"Get-AmiCall -Active over {calls:N0} active calls", "$null = Get-AmiCall -Active", 7));
                report.Add(Time(ps, $"Get-AmiExtension over {extensions:N0} extensions", "$null = Get-AmiExtension", 7));

                // One event's processing with that many calls held: a channel update on one of them, in process.
                var update = SyntheticEvents.Newstate(calls / 2, 1);
                const int Rounds = 200_000;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < Rounds; i++)
                {
                    session.Calls.Apply(update);
                }

                report.Add(string.Format(CultureInfo.InvariantCulture, "Tracker, one channel update with {0:N0} active calls: {1:0} ns (mean of {2:N0})", calls, clock.Elapsed.TotalMilliseconds * 1e6 / Rounds, Rounds));
            }
            finally
            {
                ps.Run("Get-AmiSession | Disconnect-Ami");
            }

            return report;
        }

        private static string Time(PowerShellScenario ps, string name, string script, int runs)
        {
            var times = new List<double>();
            ps.Run(script); // warm-up
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                ps.Run(script);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            return string.Format(CultureInfo.InvariantCulture, "{0}: median {1:0.0} ms, min {2:0.0} ms ({3} runs)", name, Percentile(times, 50), times.Min(), runs);
        }

        private static void Write(Stream output, AmiField[] fields)
        {
            var bytes = AmiMessageWriter.ToBytes(fields);
            output.Write(bytes, 0, bytes.Length);
        }

        internal static double Percentile(List<double> values, double percentile)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }
}
