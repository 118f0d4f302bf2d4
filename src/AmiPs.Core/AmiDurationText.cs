using System;
using System.Globalization;

namespace AmiPs
{
    /// <summary>
    /// Durations as export text: TimeSpan's constant format (<c>[d.]hh:mm:ss[.fffffff]</c>), which
    /// <c>[timespan]'00:01:05'</c> and <c>TimeSpan.Parse</c> read back.
    /// </summary>
    internal static class AmiDurationText
    {
        /// <summary>Whole seconds: <c>00:01:05</c>, <c>1.02:03:04</c>.</summary>
        public static string Format(TimeSpan span) =>
            TimeSpan.FromTicks(span.Ticks - (span.Ticks % TimeSpan.TicksPerSecond)).ToString("c", CultureInfo.InvariantCulture);

        /// <summary>Every tick: <c>00:00:00.0012345</c> (a ping's round trip).</summary>
        public static string FormatExact(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
    }
}
