using System;
using System.Globalization;

namespace AmiPs
{
    /// <summary>
    /// Durations as export text, the one format every exported object uses (calls, status, sessions, connection
    /// tests): TimeSpan's invariant constant format <c>[-][d.]hh:mm:ss[.fffffff]</c>, every tick kept
    /// (<c>00:01:05</c>, <c>00:00:00.0012345</c>, <c>1.02:03:04</c>).
    /// </summary>
    /// <remarks>
    /// Not ISO 8601 (<c>PT1M5S</c>): this is what PowerShell itself prints for a TimeSpan and what Export-Csv writes
    /// for one, so JSON and CSV agree; <c>[timespan]'00:01:05'</c> and <c>TimeSpan.Parse</c> read it back exactly
    /// (PowerShell's cast does not read <c>PT1M5S</c>); System.Text.Json and Json.NET write TimeSpans this way; Excel
    /// reads it as a time. ConvertTo-Json would otherwise write a TimeSpan as its 15 fields (Ticks, Days, ...).
    /// Not the prose of health-check messages (<c>12m 5s</c>): that is Monitoring's AmiDurationText, for people only.
    /// </remarks>
    internal static class AmiDurationText
    {
        public static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

        /// <summary>The same, null for null (a duration the PBX did not send).</summary>
        public static string? Format(TimeSpan? span) => span is { } value ? Format(value) : null;
    }
}
