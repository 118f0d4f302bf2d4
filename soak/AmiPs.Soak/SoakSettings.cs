using System;
using System.Globalization;

namespace AmiPs.Soak
{
    /// <summary>Command line: <c>--minutes N</c> (10), <c>--rate calls/s</c> (20), <c>--fault-every seconds</c> (20), <c>--warmup-minutes N</c> (a fifth of the run, at most 2).</summary>
    internal sealed record SoakSettings
    {
        public double Minutes { get; init; } = 10;

        public double CallsPerSecond { get; init; } = 20;

        public TimeSpan FaultEvery { get; init; } = TimeSpan.FromSeconds(20);

        public double? WarmupMinutes { get; init; }

        public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

        public TimeSpan Warmup => TimeSpan.FromMinutes(WarmupMinutes ?? Math.Min(2, Minutes / 5));

        public static SoakSettings Parse(string[] args)
        {
            var settings = new SoakSettings();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                settings = args[i] switch
                {
                    "--minutes" => settings with { Minutes = value },
                    "--rate" => settings with { CallsPerSecond = value },
                    "--fault-every" => settings with { FaultEvery = TimeSpan.FromSeconds(value) },
                    "--warmup-minutes" => settings with { WarmupMinutes = value },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --minutes, --rate, --fault-every, --warmup-minutes."),
                };
            }

            if (args.Length % 2 != 0)
            {
                throw new ArgumentException($"Option '{args[^1]}' has no value.");
            }

            return settings;
        }
    }
}
