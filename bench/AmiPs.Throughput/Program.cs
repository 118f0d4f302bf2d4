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
    /// asterisk-manager; a stalled consumer; connect latency; tracker scale.
    /// <c>--quick</c> is the CI guard: a few seconds, exit 1 on a crash or on any event lost by a consumer that keeps
    /// up (never on timing).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (BenchOptions.Text(args, "--serve") is { } kind)
            {
                return await FloodHost.RunAsync(kind).ConfigureAwait(false);
            }

            if (Array.IndexOf(args, "--micro") is var micro and >= 0)
            {
                Micro.Run(micro + 1 < args.Length ? args[micro + 1] : "all", (int)(BenchOptions.Value(args, "--rounds") ?? 10));
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
            var warmUp = options.WarmUp;
            var skipNode = options.SkipNode;
            var skipPs = options.SkipPs;
            bool Runs(string part) => options.Runs(part);
            var failures = new List<string>();
            var results = new List<RunResult>();

            Console.WriteLine($"AmiPs throughput ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
                              $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {FixtureEvents.Events.Count} fixture events of {FixtureEvents.AverageBytes:0} bytes on average");
            try
            {
                // The simulator's flood by default (--server bench: the bench's own server, no per-event server work),
                // in its own process unless --in-process, so the client's figures are the client's alone.
                await using var server = await StartServerAsync(options).ConfigureAwait(false);
                Console.WriteLine(ServerLine(server));
                Console.WriteLine(server is RemoteFlood
                    ? "Client figures are this process's alone (B/ev alloc, ws+, held): the server runs in its own process."
                    : "Figures are the whole process's: the server runs in it (B/ev alloc includes the server's allocations).");
                Console.WriteLine("Second line of a run, over its measured window: CPU time of the process (user+sys, every thread) per event, " +
                                  "GC collections (gen0 counts include gen1 and gen2 ones) and GC pause time.");

                // (a) .NET subscriber. Quick mode sizes the queue to the run so any missing event is a lost one.
                RunResult? dotnet = null;
                if (Runs("dotnet"))
                {
                    dotnet = await DotNetScenario.RunAsync(server, events, quick ? (int)events : (int?)null, warmUp: warmUp).ConfigureAwait(false);
                    Report(results, dotnet);
                    Expect(failures, dotnet, events, expectDrops: !quick ? (bool?)null : false);
                }

                // A consumer that stalls: memory bounded by its capacity, every other event counted as dropped.
                const int Capacity = 10_000;
                var stalled = !Runs("stalled") ? null : await DotNetScenario.RunAsync(server, events, Capacity, stall: true, warmUp: warmUp).ConfigureAwait(false);
                if (stalled is not null)
                {
                    Report(results, stalled);
                }

                if (stalled is not null && (stalled.Events != events || stalled.Dropped != events - Capacity))
                {
                    failures.Add($"stalled consumer: received {stalled.Events}, dropped {stalled.Dropped}; expected {events} and {events - Capacity}");
                }

                if (!skipPs && (Runs("ps-null") || Runs("ps-foreach")))
                {
                    using var ps = new PowerShellScenario();
                    var buffer = $"-BufferSize {psEvents} -Timeout ([timespan]::FromMinutes(5))";
                    if (Runs("ps-null"))
                    {
                        var nullRun = await ps.RunAsync(server, "$null = Receive-AmiEvent -First N", $"$null = Receive-AmiEvent -First $n {buffer}", psEvents, warmUp).ConfigureAwait(false);
                        Report(results, nullRun);
                        Expect(failures, nullRun, psEvents, expectDrops: false);
                    }

                    if (Runs("ps-foreach"))
                    {
                        var forEach = await ps.RunAsync(server, "Receive-AmiEvent -First N | ForEach-Object", $"$k = 0; Receive-AmiEvent -First $n {buffer} | ForEach-Object {{ $k++ }}; $k", psEvents, warmUp).ConfigureAwait(false);
                        Report(results, forEach);
                        Expect(failures, forEach, psEvents, expectDrops: false);
                    }
                }

                if (!skipNode && Runs("node"))
                {
                    if (NodeScenario.IsInstalled)
                    {
                        var node = await NodeScenario.RunAsync(server, events).ConfigureAwait(false);
                        Report(results, node);
                        if (dotnet is not null)
                        {
                            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Ratio: .NET subscriber / asterisk-manager = {0:0.0}x events/s on the same flood", dotnet.EventsPerSecond / node.EventsPerSecond));
                        }
                    }
                    else
                    {
                        Console.WriteLine($"Node comparison skipped: asterisk-manager is not installed in {NodeScenario.ModulesDirectory} (bench/run.sh installs it).");
                    }
                }

                if (Runs("latency"))
                {
                    Console.WriteLine(await LatencyAndScale.ConnectAsync(server, quick ? 20 : 200).ConfigureAwait(false));
                }

                if (!skipPs && Runs("tracker"))
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

        private static string ServerLine(IFlood server) => server is RemoteFlood remote
            ? string.Format(CultureInfo.InvariantCulture, "Server: {0}, {1:0} bytes an event; in its own process (pid {2}: {3})", server.Description, server.AverageEventBytes, remote.ProcessId, remote.CommandLine)
            : string.Format(CultureInfo.InvariantCulture, "Server: {0}, {1:0} bytes an event; in this process (--in-process)", server.Description, server.AverageEventBytes);

        private static void Report(List<RunResult> results, RunResult result)
        {
            results.Add(result);
            Console.WriteLine(result);
            Console.WriteLine(result.Details());
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
