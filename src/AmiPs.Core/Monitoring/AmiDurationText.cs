using System;
using System.Globalization;

namespace AmiPs.Monitoring
{
    /// <summary>Durations in messages as people write them: <c>45s</c>, <c>12m 5s</c>, <c>3h 4m</c>, <c>2d 3h</c>.</summary>
    /// <remarks>
    /// A different idea from <c>AmiPs.AmiDurationText</c> (export text that reads back as a TimeSpan): this one rounds
    /// for a health message a person reads, so the two stay apart.
    /// </remarks>
    internal static class AmiDurationText
    {
        public static string Format(TimeSpan span)
        {
            if (span < TimeSpan.Zero)
            {
                span = TimeSpan.Zero;
            }

            string F(string format, params object[] parts) => string.Format(CultureInfo.InvariantCulture, format, parts);
            if (span.TotalDays >= 1)
            {
                return F("{0}d {1}h", (int)span.TotalDays, span.Hours);
            }

            if (span.TotalHours >= 1)
            {
                return F("{0}h {1}m", (int)span.TotalHours, span.Minutes);
            }

            return span.TotalMinutes >= 1 ? F("{0}m {1}s", (int)span.TotalMinutes, span.Seconds) : F("{0}s", (int)span.TotalSeconds);
        }
    }
}
