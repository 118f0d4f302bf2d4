using System;
using System.Globalization;
using System.Linq;

namespace AmiPs.Throughput
{
    /// <summary>The command line of the end-to-end runs. A later occurrence of an option wins (bench/run.sh passes defaults first).</summary>
    public sealed record BenchOptions
    {
        public bool Quick { get; init; }

        public long Events { get; init; }

        public long PsEvents { get; init; }

        public long WarmUp { get; init; }

        public bool SkipNode { get; init; }

        public bool SkipPs { get; init; }

        /// <summary><c>sim</c> (the project's simulator, the default) or <c>bench</c> (the bench's own FloodServer).</summary>
        public string Server { get; init; } = "sim";

        /// <summary>The server in this process, as before it had its own: its allocations and threads count in the figures.</summary>
        public bool InProcess { get; init; }

        public string[]? Only { get; init; }

        /// <summary>Measured runs of each scenario, one after the other in this process.</summary>
        public int Repeat { get; init; } = 1;

        public bool Runs(string part) => Only is null || Only.Contains(part);

        public static BenchOptions Parse(string[] args)
        {
            var quick = args.Contains("--quick");
            var events = Value(args, "--events") ?? (quick ? 50_000 : 1_000_000);
            return new BenchOptions
            {
                Quick = quick,
                Events = events,
                PsEvents = Value(args, "--ps-events") ?? (quick ? 20_000 : events),
                WarmUp = Value(args, "--warm-up") ?? (quick ? 10_000 : 1_000_000), // a monitoring job runs for hours: measure code the tiered JIT has finished with
                SkipNode = quick || args.Contains("--skip-node"),
                SkipPs = args.Contains("--skip-ps"),
                Server = Text(args, "--server") ?? "sim",
                InProcess = args.Contains("--in-process"),
                Only = Text(args, "--only")?.Split(','),
                Repeat = (int)(Value(args, "--repeat") ?? 1),
            };
        }

        public static string? Text(string[] args, string name)
        {
            var index = Array.LastIndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        public static long? Value(string[] args, string name) =>
            Text(args, name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;
    }
}
