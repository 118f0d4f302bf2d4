using System;
using System.Globalization;

namespace AmiPs.Monitoring
{
    /// <summary>Warning and Critical levels for one figure, and which way is bad (most figures are bad when high; uptime when low).</summary>
    public sealed record AmiThreshold(double? Warning, double? Critical, string Unit, bool LowerIsWorse = false)
    {
        /// <summary>Critical when past <see cref="Critical"/>, Warning when past <see cref="Warning"/>, else Ok.</summary>
        public AmiHealthStatus Evaluate(double value)
        {
            if (Critical is { } critical && Past(value, critical))
            {
                return AmiHealthStatus.Critical;
            }

            return Warning is { } warning && Past(value, warning) ? AmiHealthStatus.Warning : AmiHealthStatus.Ok;
        }

        /// <summary>A result for <paramref name="value"/> judged by this threshold, carrying the levels used; the level crossed is added to <paramref name="message"/>.</summary>
        public AmiHealthResult Judge(AmiHealthContext context, string check, string? target, double value, string message)
        {
            var status = Evaluate(value);
            return new AmiHealthResult(context.ComputerName, check, target, status, message + Describe(status))
            {
                Value = value,
                Unit = Unit,
                Warning = Warning,
                Critical = Critical,
            };
        }

        /// <summary>Describes the level that was crossed, for messages: "(warning at 50)".</summary>
        public string Describe(AmiHealthStatus status)
        {
            var level = status switch
            {
                AmiHealthStatus.Critical => Critical,
                AmiHealthStatus.Warning => Warning,
                _ => null,
            };
            if (level is null)
            {
                return string.Empty;
            }

            var unit = Unit.Length == 0 ? string.Empty : " " + Unit;
            var word = LowerIsWorse ? "under" : "at";
            return string.Format(CultureInfo.InvariantCulture, " ({0} {1} {2}{3})", status.ToString().ToLowerInvariant(), word, level, unit);
        }

        // Reaching the level counts: Warning = 50 warns at 50 channels (Nagios ranges alert outside 0..50 only above 50,
        // but a level named "Warning = 50" reads as "50 is already too many" to most people).
        private bool Past(double value, double level) => LowerIsWorse ? value < level : value >= level;
    }
}
