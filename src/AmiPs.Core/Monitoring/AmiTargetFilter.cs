using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// Which targets (trunks, endpoints, queues, channels) the checks look at: <c>-Include</c> and <c>-Exclude</c>
    /// wildcard patterns (<c>*</c>, <c>?</c>, <c>[a-z]</c>, case-insensitive, as PowerShell's <c>-like</c>).
    /// </summary>
    public sealed class AmiTargetFilter
    {
        private readonly Regex[] _include;
        private readonly Regex[] _exclude;

        public AmiTargetFilter(IEnumerable<string>? include, IEnumerable<string>? exclude)
        {
            _include = Compile(include);
            _exclude = Compile(exclude);
        }

        public static AmiTargetFilter All { get; } = new AmiTargetFilter(null, null);

        /// <summary>True when <paramref name="target"/> matches an include pattern (or there are none) and no exclude pattern.</summary>
        public bool Selects(string target) =>
            (_include.Length == 0 || _include.Any(p => p.IsMatch(target))) && !_exclude.Any(p => p.IsMatch(target));

        private static Regex[] Compile(IEnumerable<string>? patterns) =>
            patterns?.Where(p => !string.IsNullOrEmpty(p)).Select(ToRegex).ToArray() ?? Array.Empty<Regex>();

        private static Regex ToRegex(string pattern)
        {
            var regex = new System.Text.StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '*':
                        regex.Append(".*");
                        break;
                    case '?':
                        regex.Append('.');
                        break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        if (close > i + 1)
                        {
                            regex.Append('[').Append(pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\")).Append(']');
                            i = close;
                        }
                        else
                        {
                            regex.Append("\\[");
                        }

                        break;
                    case '`' when i + 1 < pattern.Length:
                        regex.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    default:
                        regex.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }
}
