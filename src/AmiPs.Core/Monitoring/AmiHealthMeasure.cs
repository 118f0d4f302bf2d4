using System;
using System.Globalization;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// A figure a result measured beside its <see cref="AmiHealthResult.Value"/> (a queue's longest wait beside its
    /// waiting callers), with the levels it was judged by, so it reaches Nagios perfdata too. Plain values only.
    /// </summary>
    public sealed class AmiHealthMeasure
    {
        public AmiHealthMeasure(string name, double value, string? unit = null, double? warning = null, double? critical = null)
        {
            Name = string.IsNullOrEmpty(name) ? throw new ArgumentException("A measure needs a name.", nameof(name)) : name;
            Value = value;
            Unit = unit ?? string.Empty;
            Warning = warning;
            Critical = critical;
        }

        /// <summary>What was measured (<c>LongestWait</c>); the perfdata label is the result's label and this.</summary>
        public string Name { get; }

        public double Value { get; }

        /// <summary><c>s</c>, <c>ms</c>, or empty for a count.</summary>
        public string Unit { get; }

        public double? Warning { get; }

        public double? Critical { get; }

        /// <summary>
        /// <c>LongestWait=75s;60;300</c>: what a person reads, and what a deserialized result (where a job or remoting
        /// turned this object into its text) is read back from by <see cref="TryParse"/>.
        /// </summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}={1}{2};{3};{4}", Name, Number(Value), Unit, Level(Warning), Level(Critical));

        /// <summary>Reads <see cref="ToString"/>'s text back; false for anything else.</summary>
        public static bool TryParse(string? text, out AmiHealthMeasure? measure)
        {
            measure = null;
            var equals = text?.IndexOf('=') ?? -1;
            if (text is null || equals <= 0)
            {
                return false;
            }

            var parts = text.Substring(equals + 1).Split(';');
            if (parts.Length != 3)
            {
                return false;
            }

            var number = parts[0].TrimEnd('s', 'm', 'u', '%', 'B', 'K', 'M', 'T', 'c');
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !TryLevel(parts[1], out var warning) || !TryLevel(parts[2], out var critical))
            {
                return false;
            }

            measure = new AmiHealthMeasure(text.Substring(0, equals), value, parts[0].Substring(number.Length), warning, critical);
            return true;
        }

        private static bool TryLevel(string text, out double? level)
        {
            level = null;
            if (text.Length == 0)
            {
                return true;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                level = value;
                return true;
            }

            return false;
        }

        private static string Level(double? level) => level is { } value ? Number(value) : string.Empty;

        private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
