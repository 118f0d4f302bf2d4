using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using AmiPs.Bench;

namespace AmiPs.Throughput
{
    /// <summary>
    /// The same flood read by asterisk-manager 0.2.0 on Node (installed by bench/run.sh into bench/.node), in its
    /// own process. Timed as the .NET runs: from the start of the flood to the last event counted.
    /// </summary>
    public static class NodeScenario
    {
        public static string ModulesDirectory => Path.Combine(FixtureEvents.RepoRoot, "bench", ".node", "node_modules");

        public static bool IsInstalled => File.Exists(Path.Combine(ModulesDirectory, "asterisk-manager", "package.json"));

        public static async Task<RunResult> RunAsync(IFlood server, long events)
        {
            var script = Path.Combine(AppContext.BaseDirectory, "node", "count-events.js");
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(server.Port.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(server.User);
            start.ArgumentList.Add(events.ToString(CultureInfo.InvariantCulture));
            start.Environment["NODE_PATH"] = ModulesDirectory;
            start.Environment["AMI_SECRET"] = server.Secret; // not on the command line, which any local user can read
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            try
            {
                var ready = await node.StandardOutput.ReadLineAsync().ConfigureAwait(false);
                if (ready != "ready")
                {
                    throw new InvalidOperationException("node: " + ready + " " + await node.StandardError.ReadToEndAsync().ConfigureAwait(false));
                }

                await server.WaitForLoginsAsync(1, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var flood = server.FloodAsync(events);
                var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
                clock.Stop();
                var parts = (line ?? string.Empty).Split(' ');
                if (parts.Length != 5 || parts[0] != "done")
                {
                    throw new InvalidOperationException("node: " + line + " " + await node.StandardError.ReadToEndAsync().ConfigureAwait(false));
                }

                await flood.ConfigureAwait(false);
                var count = long.Parse(parts[1], CultureInfo.InvariantCulture);
                var rss = long.Parse(parts[3], CultureInfo.InvariantCulture);
                var cpu = TimeSpan.FromMicroseconds(double.Parse(parts[4], CultureInfo.InvariantCulture));
                return new RunResult("Node asterisk-manager 0.2.0 ('managerevent')", count, clock.Elapsed.TotalSeconds, server.AverageEventBytes, double.NaN, rss, 0, "ws+ column: node peak RSS (total)")
                {
                    Cost = new ProcessCost(cpu),
                    CostOf = "node process, from its first event",
                };
            }
            finally
            {
                if (!node.HasExited)
                {
                    node.Kill();
                }
            }
        }
    }
}
