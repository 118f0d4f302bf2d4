using System;
using System.Globalization;

namespace AmiPs.Events
{
    /// <summary>Conversions of AMI field text to typed values; every one keeps going on bad input (null, not an exception).</summary>
    internal static class AmiValues
    {
        /// <summary>What Asterisk writes for an empty caller ID, connected line, bridge creator or unique id.</summary>
        public const string UnknownText = "<unknown>";

        // 9999-12-31: the last second a DateTime holds.
        private const long MaxEpochSeconds = 253402300799L;

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static int? ParseInt(string? text) =>
            text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;

        /// <summary>
        /// The text itself, or null when it is absent or Asterisk's <c>&lt;unknown&gt;</c> placeholder: typed properties
        /// say "not known" with null, so <c>if ($e.CallerIDNum)</c> works; the raw <c>&lt;unknown&gt;</c> stays in the fields.
        /// An empty value (<c>AccountCode: </c>) stays empty.
        /// </summary>
        public static string? KnownText(string? text) =>
            text is null || string.Equals(text, UnknownText, StringComparison.Ordinal) ? null : text;

        /// <summary><c>Yes/No</c>, <c>True/False</c>, <c>1/0</c>, <c>On/Off</c> (any case) as a bool; null for anything else.</summary>
        public static bool? ParseBool(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (IsAny(text, "1", "yes", "true", "on"))
            {
                return true;
            }

            return IsAny(text, "0", "no", "false", "off") ? false : (bool?)null;
        }

        /// <summary><c>Timestamp: 1700000000.123456</c> (epoch seconds and microseconds) as a UTC time.</summary>
        /// <remarks>Read digit by digit (it is on every timestamped event): no allocation, no culture, no decimal arithmetic.</remarks>
        public static DateTimeOffset? ParseTimestamp(string? text)
        {
            if (text is null || text.Length == 0)
            {
                return null;
            }

            long seconds = 0;
            long fraction = 0;
            var fractionDigits = 0;
            var inFraction = false;
            foreach (var c in text)
            {
                if (c == '.' && !inFraction)
                {
                    inFraction = true;
                }
                else if (c < '0' || c > '9' || (!inFraction && seconds > MaxEpochSeconds / 10))
                {
                    return null;
                }
                else if (!inFraction)
                {
                    seconds = (seconds * 10) + (c - '0');
                }
                else if (fractionDigits < 7)
                {
                    // Ticks are 100 ns: seven digits of fraction; finer digits are dropped.
                    fraction = (fraction * 10) + (c - '0');
                    fractionDigits++;
                }
            }

            for (; fractionDigits < 7; fractionDigits++)
            {
                fraction *= 10;
            }

            if (seconds > MaxEpochSeconds)
            {
                return null;
            }

            return new DateTimeOffset(Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fraction));
        }

        /// <summary>
        /// Whole epoch seconds (<c>LastCall</c>, <c>LastPause</c>, <c>LoginTime</c> of queue members) as a UTC time;
        /// Asterisk writes 0 for "never", which gives null.
        /// </summary>
        public static DateTimeOffset? ParseEpochSeconds(string? text) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 253402300800L
                ? new DateTimeOffset(Epoch.AddSeconds(seconds))
                : (DateTimeOffset?)null;

        /// <summary>
        /// <c>2024-05-01 12:34:56</c> (CDR times, the server's local clock, no zone) as an unspecified-kind time;
        /// empty (<c>AnswerTime</c> of an unanswered call) gives null.
        /// </summary>
        public static DateTime? ParseLocalTime(string? text) =>
            text is not null && text.Length != 0 &&
            DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                ? value
                : (DateTime?)null;

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
                    'a' => '\a',
                    'b' => '\b',
                    'f' => '\f',
                    'v' => '\v',
                    _ => next,
                });
            }

            return result.ToString();
        }

        private static bool IsAny(string text, string a, string b, string c, string d) =>
            string.Equals(text, a, StringComparison.OrdinalIgnoreCase) || string.Equals(text, b, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(text, c, StringComparison.OrdinalIgnoreCase) || string.Equals(text, d, StringComparison.OrdinalIgnoreCase);
    }
}
