using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Threading.Tasks;
using AmiPs.Bench;

namespace AmiPs.Throughput
{
    /// <summary>
    /// End-to-end runs over loopback: the flood into a .NET subscriber, into PowerShell pipelines, into Node's
    /// asterisk-manager; a stalled consumer; connect latency; tracker scale. The flood server runs in a child process
    /// (this app with <c>--serve sim|bench</c>) unless <c>--in-process</c>.
    /// <c>--quick</c> is the CI guard: a few seconds, exit 1 on any event lost by a consumer that keeps up, 2 on a
    /// crash (never on timing).
    /// Options: <c>--quick --events N --ps-events N --warm-up N --repeat N --only dotnet,stalled,ps-null,ps-foreach,node,latency,tracker
    /// --skip-ps --skip-node --server sim|bench --in-process</c>; <c>--micro [frame|type|track|publish|all] --rounds N [--flood]</c>;
    /// <c>--pwsh</c>: the real-pwsh runs (<see cref="PwshRunner"/>).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (BenchOptions.Text(args, "--serve") is { } kind)
            {
                return await FloodHost.RunAsync(kind).ConfigureAwait(false);
            }

            if (Array.IndexOf(args, "--pwsh") >= 0)
            {
                return await PwshRunner.RunAsync(args).ConfigureAwait(false);
            }

            if (Array.IndexOf(args, "--micro") is var micro and >= 0)
            {
                Micro.Run(micro + 1 < args.Length && !args[micro + 1].StartsWith("--", StringComparison.Ordinal) ? args[micro + 1] : "all", (int)(BenchOptions.Value(args, "--rounds") ?? 10), args.Contains("--flood"));
                return 0;
            }

            var options = BenchOptions.Parse(args);
            if (options.Server is not ("sim" or "bench"))
            {
                Console.Error.WriteLine($"--server {options.Server}: expected sim or bench");
                return 64;
            }

            var quick = options.Quick;
            var events = options.Events;
            var psEvents = options.PsEvents;
            var failures = new List<string>();
            var repeats = new Repeats(options.Repeat);
            var warmUp = options.WarmUp;

            Console.WriteLine($"AmiPs throughput ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
                              $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {FixtureEvents.Events.Count} fixture events of {FixtureEvents.AverageBytes:0} bytes on average");
            try
            {
                // The simulator's flood by default (--server bench: the bench's own server, no per-event server work),
                // in its own process unless --in-process, so the client's figures are the client's alone.
                await using var server = await StartServerAsync(options).ConfigureAwait(false);
                PrintHeader(server, options);

                // (a) .NET subscriber. Quick mode sizes the queue to the run so any missing event is a lost one.
                IReadOnlyList<RunResult>? dotnet = null;
                if (options.Runs("dotnet"))
                {
                    dotnet = await repeats.RunAsync(
                        () => DotNetScenario.RunAsync(server, events, quick ? (int)events : null, warmUp: warmUp),
                        run => Expect(failures, run, events, expectDrops: !quick ? null : false)).ConfigureAwait(false);
                }

                // A consumer that stalls: memory bounded by its capacity, every other event counted as dropped.
                // The session's default in a full run (its memory bound is what the report shows); smaller in quick mode.
                var capacity = quick ? 10_000 : AmiPs.Client.AmiSessionOptions.Default.SubscriptionCapacity;
                if (options.Runs("stalled"))
                {
                    await repeats.RunAsync(
                        () => DotNetScenario.RunAsync(server, events, capacity, stall: true, warmUp: warmUp),
                        run =>
                        {
                            if (run.Events != events || run.Dropped != events - capacity)
                            {
                                failures.Add($"stalled consumer: received {run.Events}, dropped {run.Dropped}; expected {events} and {events - capacity}");
                            }
                        }).ConfigureAwait(false);
                }

                if (!options.SkipPs && (options.Runs("ps-null") || options.Runs("ps-foreach")))
                {
                    using var ps = new PowerShellScenario();
                    // The default buffer: with flow control a pipeline slower than the flood still loses nothing.
                    var buffer = "-Timeout ([timespan]::FromMinutes(5))";
                    if (options.Runs("ps-null"))
                    {
                        await repeats.RunAsync(
                            () => ps.RunAsync(server, "$null = Receive-AmiEvent -First N", $"$null = Receive-AmiEvent -First $n {buffer}", psEvents, warmUp),
                            run => Expect(failures, run, psEvents, expectDrops: false)).ConfigureAwait(false);
                    }

                    if (options.Runs("ps-foreach"))
                    {
                        await repeats.RunAsync(
                            () => ps.RunAsync(server, "Receive-AmiEvent -First N | ForEach-Object", $"$k = 0; Receive-AmiEvent -First $n {buffer} | ForEach-Object {{ $k++ }}; $k", psEvents, warmUp),
                            run => Expect(failures, run, psEvents, expectDrops: false)).ConfigureAwait(false);
                    }
                }

                if (!options.SkipNode && options.Runs("node"))
                {
                    if (NodeScenario.IsInstalled)
                    {
                        // No warm-up: each run is a new node process, as a user would start it.
                        var node = await repeats.RunAsync(() => NodeScenario.RunAsync(server, events)).ConfigureAwait(false);
                        if (dotnet is not null)
                        {
                            Console.WriteLine(string.Format(
                                CultureInfo.InvariantCulture,
                                "Ratio: .NET subscriber / asterisk-manager = {0:0.0}x events/s on the same flood{1}",
                                Repeats.MedianRate(dotnet) / Repeats.MedianRate(node),
                                options.Repeat > 1 ? $" (medians of {options.Repeat} runs each)" : string.Empty));
                        }
                    }
                    else
                    {
                        Console.WriteLine($"Node comparison skipped: asterisk-manager is not installed in {NodeScenario.ModulesDirectory} (bench/run.sh installs it).");
                    }
                }

                if (options.Runs("latency"))
                {
                    Console.WriteLine(await LatencyAndScale.ConnectAsync(server, quick ? 20 : 200).ConfigureAwait(false));
                }

                if (!options.SkipPs && options.Runs("tracker"))
                {
                    // Its 20,000 synthetic channels are sent once, before anything is timed: this server stays in process.
                    await using var own = new FloodServer(FloodHost.User, FloodHost.NewSecret());
                    using var ps = new PowerShellScenario();
                    foreach (var line in await LatencyAndScale.TrackerAsync(own, ps, quick ? 1_000 : 10_000, quick ? 200 : 2_000).ConfigureAwait(false))
                    {
                        Console.WriteLine(line);
                    }
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("The benchmark crashed: " + ex);
                return 2;
            }

            foreach (var failure in failures)
            {
                Console.Error.WriteLine("FAIL: " + failure);
            }

            return failures.Count == 0 ? 0 : 1;
        }

        private static async Task<IFlood> StartServerAsync(BenchOptions options) => options.InProcess
            ? await FloodHost.StartServerAsync(options.Server, FloodHost.NewSecret()).ConfigureAwait(false)
            : await RemoteFlood.StartAsync(options.Server).ConfigureAwait(false);

        private static void PrintHeader(IFlood server, BenchOptions options)
        {
            var inProcess = server is not RemoteFlood;
            Console.WriteLine(server is RemoteFlood remote
                ? string.Format(CultureInfo.InvariantCulture, "Server: {0}, {1:0} bytes an event; in its own process (pid {2}: {3})", server.Description, server.AverageEventBytes, remote.ProcessId, remote.CommandLine)
                : string.Format(CultureInfo.InvariantCulture, "Server: {0}, {1:0} bytes an event; in this process (--in-process)", server.Description, server.AverageEventBytes));
            Console.WriteLine("Columns: B/ev alloc = bytes allocated by " + (inProcess ? "this process, server included," : "this process (the client only: the server has its own)") +
                              " per event; ws+ = peak working set over the run's start; held = managed memory still reachable after the run over its start.");
            Console.WriteLine("Second line, over the measured window: " + (inProcess ? "this process's (server included)" : "the client process's") +
                              " CPU time (user+sys, all threads) per event; GC collections gen0/1/2 (a gen1 collection counts in gen0 too); GC pause time;" +
                              " and ws+ from before the session's first event (read after an aggressive collection; the warm-up flood included).");
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "Runs: {0} of each, every one after its own {1:N0}-event warm-up flood (Node: none){2}.",
                options.Repeat,
                options.WarmUp,
                options.Repeat > 1 ? "; then the median and (min–max)" : string.Empty));
        }

        private static void Expect(List<string> failures, RunResult result, long events, bool? expectDrops)
        {
            if (expectDrops == false && (result.Events != events || result.Dropped != 0))
            {
                failures.Add($"{result.Name}: read {result.Events} of {events}, dropped {result.Dropped} (a consumer that keeps up must lose nothing)");
            }
        }
    }
}
