using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// The thresholds the checks judge by: sensible defaults, overridden per figure with a dictionary such as
    /// <c>@{ Channels = @{ Warning = 50; Critical = 100 } }</c>. A misspelt name is an error, never silently ignored.
    /// </summary>
    public sealed class AmiHealthThresholds
    {
        public const string Connection = "Connection";
        public const string Uptime = "Uptime";
        public const string Channels = "Channels";
        public const string LongCalls = "LongCalls";
        public const string Endpoints = "Endpoints";
        public const string QueueCallers = "QueueCallers";
        public const string QueueWait = "QueueWait";

        private readonly Dictionary<string, AmiThreshold> _levels;

        private AmiHealthThresholds(Dictionary<string, AmiThreshold> levels) => _levels = levels;

        /// <summary>
        /// Connection: ping round trip (ms); Uptime: seconds since start, low is bad (a restart); Channels: active
        /// channels; LongCalls: how long one channel has been up (s); Endpoints: contact round trip (ms); QueueCallers:
        /// callers waiting in a queue; QueueWait: the longest wait in a queue (s).
        /// </summary>
        public static AmiHealthThresholds Default { get; } = new AmiHealthThresholds(new Dictionary<string, AmiThreshold>(StringComparer.OrdinalIgnoreCase)
        {
            [Connection] = new AmiThreshold(500, 2000, "ms"),
            [Uptime] = new AmiThreshold(600, null, "s", LowerIsWorse: true),
            [Channels] = new AmiThreshold(100, 200, string.Empty),
            [LongCalls] = new AmiThreshold(3600, 14400, "s"),
            [Endpoints] = new AmiThreshold(200, 1000, "ms"),
            [QueueCallers] = new AmiThreshold(5, 10, string.Empty),
            [QueueWait] = new AmiThreshold(60, 300, "s"),
        });

        /// <summary>The names that can be overridden.</summary>
        public IReadOnlyCollection<string> Names => _levels.Keys.ToArray();

        public AmiThreshold this[string name] => _levels.TryGetValue(name, out var level)
            ? level
            : throw new ArgumentException($"No threshold named '{name}'.", nameof(name));

        /// <summary>True when the threshold named like <paramref name="check"/> is bad when low (Uptime): Nagios writes its levels as ranges.</summary>
        public bool LowerIsWorse(string check) => _levels.TryGetValue(check, out var level) && level.LowerIsWorse;

        /// <summary>
        /// These thresholds with <paramref name="overrides"/> applied: each key a threshold name, each value a
        /// dictionary with <c>Warning</c> and/or <c>Critical</c> (a number, or null to turn that level off).
        /// </summary>
        /// <exception cref="ArgumentException">An unknown name or level, a value that is not a number, or levels in the wrong order.</exception>
        public AmiHealthThresholds With(IDictionary? overrides)
        {
            if (overrides is null || overrides.Count == 0)
            {
                return this;
            }

            var levels = new Dictionary<string, AmiThreshold>(_levels, StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in overrides)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                if (!levels.TryGetValue(name, out var current))
                {
                    throw new ArgumentException($"Unknown threshold '{name}'. Known thresholds: {string.Join(", ", _levels.Keys)}.");
                }

                if (entry.Value is not IDictionary given)
                {
                    throw new ArgumentException($"Threshold '{name}' takes a hashtable such as @{{ Warning = 50; Critical = 100 }}, not '{entry.Value}'.");
                }

                var canonical = Canonical(name);
                levels[canonical] = Apply(canonical, current, given);
            }

            return new AmiHealthThresholds(levels);
        }

        private string Canonical(string name) => _levels.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

        private static AmiThreshold Apply(string name, AmiThreshold current, IDictionary given)
        {
            var result = current;
            foreach (DictionaryEntry level in given)
            {
                var key = Convert.ToString(level.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var value = Number(name, key, level.Value);
                if (string.Equals(key, "Warning", StringComparison.OrdinalIgnoreCase))
                {
                    result = result with { Warning = value };
                }
                else if (string.Equals(key, "Critical", StringComparison.OrdinalIgnoreCase))
                {
                    result = result with { Critical = value };
                }
                else
                {
                    throw new ArgumentException($"Threshold '{name}' takes Warning and Critical, not '{key}'.");
                }
            }

            if (result.Warning is { } warning && result.Critical is { } critical && (result.LowerIsWorse ? warning < critical : warning > critical))
            {
                var order = result.LowerIsWorse ? "at least" : "at most";
                throw new ArgumentException($"Threshold '{name}': Warning ({warning}) must be {order} Critical ({critical}); {name} is worse when {(result.LowerIsWorse ? "lower" : "higher")}.");
            }

            return result;
        }

        private static double? Number(string name, string key, object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                    return Finite(name, key, parsed);
                case IConvertible convertible when value is not string and not bool and not char:
                    return Finite(name, key, convertible.ToDouble(CultureInfo.InvariantCulture));
                default:
                    throw new ArgumentException($"Threshold '{name}' {key} must be a number, not '{value}'.");
            }
        }

        private static double Finite(string name, string key, double value) =>
            double.IsNaN(value) || double.IsInfinity(value) || value < 0
                ? throw new ArgumentException($"Threshold '{name}' {key} must be a number of zero or more, not {value}.")
                : value;
    }
}
