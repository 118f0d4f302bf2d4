using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AmiPs.Throughput
{
    /// <summary>
    /// <c>bench/run.sh pwsh</c>: the pipelines people write, each in a fresh real pwsh process (round 1, cold) and
    /// again in that process (round 2, warm), against the bench flood server in its own process; asterisk-manager on
    /// Node on the same flood in the same repeat; the engine's ceiling for each pipeline shape (ready-made
    /// [pscustomobject] events, same process kinds); latency on a quiet stream; the start-up cost of Import-Module.
    /// Options: <c>--events N --repeat R --only out-null,foreach,where-event,where-cause,eventtype,latency,startup
    /// --startup-runs K --latency-events N --rounds R (per process: 1 cold, then warm) --perf DIR (perf record of every
    /// scenario process into DIR, with DOTNET_PerfMapEnabled=1) --jit-log DIR (every method the JIT compiles in each
    /// scenario process, with its tier, into DIR/scenario-repeat.txt: DOTNET_JitDisasmSummary, with a method named
    /// RoundNStart and RoundNEnd compiled at each round's edges)</c>.
    /// </summary>
    public static class PwshRunner
    {
        private static readonly string[] Shapes = { "out-null", "foreach", "where-event", "where-cause" };

        private static readonly Dictionary<string, string> Pipelines = new Dictionary<string, string>
        {
            ["out-null"] = "Receive-AmiEvent -First N | Out-Null",
            ["foreach"] = "Receive-AmiEvent -First N | ForEach-Object { $k++ }",
            ["where-event"] = "Receive-AmiEvent -First N | Where-Object Event -eq 'Hangup' | Measure-Object",
            ["where-cause"] = "Receive-AmiEvent -First N | Where-Object { $_.Cause -eq 16 } | Measure-Object",
            ["eventtype"] = "Receive-AmiEvent -EventType Hangup -First <hangups> | Measure-Object",
        };

        public static async Task<int> RunAsync(string[] args)
        {
            var events = BenchOptions.Value(args, "--events") ?? 200_000;
            var repeat = (int)(BenchOptions.Value(args, "--repeat") ?? 3);
            var only = BenchOptions.Text(args, "--only")?.Split(',');
            bool Runs(string part) => only is null || only.Contains(part);
            var failures = new List<string>();
            Rounds = (int)(BenchOptions.Value(args, "--rounds") ?? 2);
            PerfDirectory = BenchOptions.Text(args, "--perf");
            JitLogDirectory = BenchOptions.Text(args, "--jit-log");

            Console.WriteLine($"AmiPs in real pwsh: {Environment.ProcessorCount} cores; load {Load()}; pwsh {PwshVersion()}; {events:N0} events a round; {repeat} repeats; module from {PwshProcess.ModuleRoot}");
            await using var server = await RemoteFlood.StartAsync("bench").ConfigureAwait(false);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Server: {0}, {1:0} bytes an event, in its own process (pid {2}); every flood's bytes made before its clock starts", server.Description, server.AverageEventBytes, server.ProcessId));

            var results = new List<(int Repeat, PwshRound Round)>();
            var node = new List<RunResult>();
            for (var r = 1; r <= repeat; r++)
            {
                Console.WriteLine($"--- repeat {r} of {repeat}, load {Load()}");
                if (NodeScenario.IsInstalled)
                {
                    await server.PrepareAsync(events).ConfigureAwait(false);
                    var n = await NodeScenario.RunAsync(server, events).ConfigureAwait(false);
                    node.Add(n);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-40} {1,10:N0} ev/s  {2}", "node asterisk-manager 0.2.0", n.EventsPerSecond, n.Cost?.Describe(n.Events)));
                }

                foreach (var scenario in Pipelines.Keys.Where(Runs))
                {
                    foreach (var round in await RunProcessAsync(server, scenario, ceiling: false, events, r).ConfigureAwait(false))
                    {
                        results.Add((r, round));
                        Print(round);
                        if (round.Dropped != 0 || round.Number("events") != events)
                        {
                            failures.Add($"{scenario} round {round.Round}: received {round.Number("events"):0} of {events}, dropped {round.Dropped} at the default buffer");
                        }
                    }

                    if (Shapes.Contains(scenario))
                    {
                        foreach (var round in await RunProcessAsync(server, scenario, ceiling: true, events, r).ConfigureAwait(false))
                        {
                            results.Add((r, round));
                            Print(round);
                        }
                    }
                }

                if (Runs("latency"))
                {
                    // 2,000 events (10 s): the p99 is then the 20th-worst sample, not the 4th of 400, which one tiered-compiler
                    // burst in the round decided.
                    var quiet = (int)(BenchOptions.Value(args, "--latency-events") ?? 2000);
                    await using var pwsh = await PwshProcess.StartAsync("latency", false, 2, server).ConfigureAwait(false);
                    for (var round = 1; round <= 2; round++)
                    {
                        var result = await pwsh.RoundAsync("latency", false, round, quiet, 0, () => server.PaceAsync(quiet, TimeSpan.FromMilliseconds(5))).ConfigureAwait(false);
                        results.Add((r, result));
                        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  latency {0} ({1} events 5 ms apart): p50 {2:0} µs, p99 {3:0} µs, max {4:0} µs; GC {5}; JIT {6}",
                            round == 1 ? "cold" : "warm", quiet, result.Number("p50us"), result.Number("p99us"), result.Number("maxUs"), result.Gc, result.Jit));
                    }
                }
            }

            Summarize(results, node, events);
            if (Runs("startup"))
            {
                await StartupAsync((int)(BenchOptions.Value(args, "--startup-runs") ?? 15)).ConfigureAwait(false);
            }

            foreach (var failure in failures)
            {
                Console.Error.WriteLine("FAIL: " + failure);
            }

            return failures.Count == 0 ? 0 : 1;
        }

        private static int Rounds { get; set; } = 2;

        private static string? PerfDirectory { get; set; }

        private static string? JitLogDirectory { get; set; }

        private static async Task<List<PwshRound>> RunProcessAsync(IFlood server, string scenario, bool ceiling, long events, int repeat)
        {
            var rounds = new List<PwshRound>();
            string? jitLog = null;
            if (JitLogDirectory is not null)
            {
                Directory.CreateDirectory(JitLogDirectory);
                // One file a process: the JIT appends to what it finds there.
                jitLog = Path.Combine(Path.GetFullPath(JitLogDirectory), $"{(ceiling ? "ceiling-" : string.Empty)}{scenario}-{repeat}.txt");
                File.Delete(jitLog);
            }

            await using var pwsh = await PwshProcess.StartAsync(scenario, ceiling, Rounds, server, PerfDirectory is not null, jitLog).ConfigureAwait(false);
            if (PerfDirectory is not null)
            {
                Directory.CreateDirectory(PerfDirectory);
                pwsh.Record(Path.Combine(PerfDirectory, (ceiling ? "ceiling-" : string.Empty) + scenario + ".data"));
            }

            for (var round = 1; round <= Rounds; round++)
            {
                var hangups = await server.PrepareAsync(events).ConfigureAwait(false);
                rounds.Add(await pwsh.RoundAsync(scenario, ceiling, round, events, hangups, ceiling ? null : () => server.FloodAsync(events)).ConfigureAwait(false));
            }

            return rounds;
        }

        private static void Print(PwshRound round) => Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "  {0,-30} {1,-5} {2,10:N0} ev/s {3,6:0.00} µs CPU/ev {4,6:N0} B/ev GC {5,-18} JIT {7,-22} dropped {6}{8}",
            (round.Ceiling ? "ceiling " : string.Empty) + round.Scenario,
            round.Round == 1 ? "cold" : "warm",
            round.Rate,
            round.CpuMicrosecondsPerEvent,
            round.BytesPerEvent,
            round.Gc,
            round.Ceiling ? "-" : round.Dropped.ToString(CultureInfo.InvariantCulture),
            round.Jit,
            round.Ceiling ? string.Empty : string.Format(CultureInfo.InvariantCulture, "  (report {0:0} ms after the end)", round.TailMilliseconds)));

        private static void Summarize(List<(int Repeat, PwshRound Round)> results, List<RunResult> node, long events)
        {
            Console.WriteLine();
            Console.WriteLine($"=== Medians over the repeats (load {Load()}); × node = AmiPs / asterisk-manager in the same repeat; share = AmiPs / the engine's ceiling for the shape, same temperature");
            if (node.Count > 0)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "node asterisk-manager 0.2.0: {0:N0} ev/s (median; {1:N0}-{2:N0}), {3:0.00} µs CPU/ev", Median(node.Select(n => n.EventsPerSecond)), node.Min(n => n.EventsPerSecond), node.Max(n => n.EventsPerSecond), Median(node.Select(n => n.Cost!.CpuMicrosecondsPer(n.Events)))));
            }

            Console.WriteLine($"| pipeline | round | AmiPs ev/s | × node | ceiling ev/s | share | µs CPU/ev | B/ev | GC gen0/1/2, pause | dropped |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var scenario in Pipelines.Keys)
            {
                for (var round = 1; round <= 2; round++)
                {
                    var mine = results.Where(x => !x.Round.Ceiling && x.Round.Scenario == scenario && x.Round.Round == round).ToList();
                    if (mine.Count == 0)
                    {
                        continue;
                    }

                    var ceiling = results.Where(x => x.Round.Ceiling && x.Round.Scenario == scenario && x.Round.Round == round).ToList();
                    var ratios = node.Count == 0 ? new List<double>() : mine.Select(x => x.Round.Rate / node[x.Repeat - 1].EventsPerSecond).ToList();
                    var shares = ceiling.Count == 0 ? new List<double>() : mine.Select(x => x.Round.Rate / ceiling.Single(c => c.Repeat == x.Repeat).Round.Rate).ToList();
                    var middle = mine.OrderBy(x => x.Round.Rate).ElementAt(mine.Count / 2).Round;
                    Console.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        "| `{0}` | {1} | {2:N0} ({3:N0}-{4:N0}) | {5} | {6} | {7} | {8:0.00} | {9:N0} | {10} | {11} |",
                        Pipelines[scenario],
                        round == 1 ? "cold" : "warm",
                        Median(mine.Select(x => x.Round.Rate)),
                        mine.Min(x => x.Round.Rate),
                        mine.Max(x => x.Round.Rate),
                        ratios.Count == 0 ? "-" : Median(ratios).ToString("0.0", CultureInfo.InvariantCulture) + " ×",
                        ceiling.Count == 0 ? "-" : Median(ceiling.Select(c => c.Round.Rate)).ToString("N0", CultureInfo.InvariantCulture),
                        shares.Count == 0 ? "-" : Median(shares).ToString("0%", CultureInfo.InvariantCulture),
                        Median(mine.Select(x => x.Round.CpuMicrosecondsPerEvent)),
                        Median(mine.Select(x => x.Round.BytesPerEvent)),
                        middle.Gc,
                        mine.Sum(x => x.Round.Dropped)));
                }
            }

            var latency = results.Where(x => x.Round.Scenario == "latency").ToList();
            foreach (var round in new[] { 1, 2 })
            {
                var these = latency.Where(x => x.Round.Round == round).ToList();
                if (these.Count > 0)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Latency, last byte on the socket to the object in the pipeline ({0}): p50 {1:0} µs, p99 {2:0} µs (medians; p99 range {3:0}-{4:0} µs)",
                        round == 1 ? "cold" : "warm", Median(these.Select(x => x.Round.Number("p50us"))), Median(these.Select(x => x.Round.Number("p99us"))), these.Min(x => x.Round.Number("p99us")), these.Max(x => x.Round.Number("p99us"))));
                }
            }
        }

        /// <summary>
        /// `pwsh -c 'Import-Module AmiPs'` against `pwsh -c 1`, alternated, medians: wall time, and CPU time (user + sys
        /// of the whole process tree), which a loaded machine disturbs far less.
        /// </summary>
        private static async Task StartupAsync(int runs)
        {
            var bare = new List<(double Wall, double Cpu)>();
            var import = new List<(double Wall, double Cpu)>();
            for (var i = 0; i < runs + 1; i++)
            {
                var b = await TimeAsync("-c", "1").ConfigureAwait(false);
                var m = await TimeAsync("-c", "Import-Module AmiPs").ConfigureAwait(false);
                if (i > 0)
                {
                    // The first pair warms the disk cache.
                    bare.Add(b);
                    import.Add(m);
                }
            }

            var wall = bare.Zip(import, (b, m) => m.Wall - b.Wall).ToList();
            var cpu = bare.Zip(import, (b, m) => m.Cpu - b.Cpu).ToList();
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "Start-up over {0} alternated pairs (load {1}): pwsh -c 1 median {2:0} ms wall, {3:0} ms CPU; pwsh -c 'Import-Module AmiPs' median {4:0} ms wall, {5:0} ms CPU; " +
                "Import-Module adds {6:0} ms wall ({7:0} to {8:0}), {9:0} ms CPU ({10:0} to {11:0}) (medians of the pairs' differences)",
                runs, Load(), Median(bare.Select(x => x.Wall)), Median(bare.Select(x => x.Cpu)), Median(import.Select(x => x.Wall)), Median(import.Select(x => x.Cpu)),
                Median(wall), wall.Min(), wall.Max(), Median(cpu), cpu.Min(), cpu.Max()));
        }

        /// <summary>CPU time of this process's waited-for children and their descendants (/proc/self/stat cutime + cstime), in ms.</summary>
        private static double ChildrenCpuMilliseconds()
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0; // USER_HZ = 100
        }

        private static async Task<(double Wall, double Cpu)> TimeAsync(params string[] arguments)
        {
            var cpuBefore = ChildrenCpuMilliseconds();
            var start = PwshProcess.StartInfo(arguments);
            start.RedirectStandardInput = false;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start");
            await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            clock.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pwsh {string.Join(' ', arguments)} exited with {process.ExitCode}");
            }

            return (clock.Elapsed.TotalMilliseconds, ChildrenCpuMilliseconds() - cpuBefore);
        }

        private static string PwshVersion()
        {
            var start = PwshProcess.StartInfo("-c", "$PSVersionTable.PSVersion.ToString()");
            start.RedirectStandardInput = false;
            using var process = Process.Start(start)!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }

        private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
