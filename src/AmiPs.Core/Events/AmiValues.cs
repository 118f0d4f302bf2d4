using System;
using System.Globalization;

namespace AmiPs.Events
{
    /// <summary>Conversions of AMI field text to typed values; every one keeps going on bad input (null, not an exception).</summary>
    public static class AmiValues
    {
        public static int? ParseInt(string? text) =>
            text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;

        /// <summary><c>Timestamp: 1700000000.123456</c> (epoch seconds and microseconds) as a UTC time.</summary>
        public static DateTimeOffset? ParseTimestamp(string? text)
        {
            if (text is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                return null;
            }

            var ticks = (long)(seconds * TimeSpan.TicksPerSecond);
            return new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(ticks));
        }

        /// <summary>Undoes the C escaping Asterisk applies to caller names in channel events (<c>O\'Brien</c>).</summary>
        public static string? Unescape(string? text)
        {
            if (text is null || text.IndexOf('\\') < 0)
            {
                return text;
            }

            var result = new System.Text.StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c != '\\' || i == text.Length - 1)
                {
                    result.Append(c);
                    continue;
                }

                var next = text[++i];
                result.Append(next switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => next,
                });
            }

            return result.ToString();
        }
    }
}
