using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AmiPs.Monitoring.Formats
{
    /// <summary>
    /// Health results as Nagios plugin output (the Nagios plugin guidelines): the first line
    /// <c>AMI &lt;STATUS&gt; - &lt;summary&gt; | &lt;perfdata&gt;</c>, then the long text, one result a line; perfdata
    /// <c>'label'=value[unit];warn;crit;min;max</c> for every figure a result measured (its Value and its Measures).
    /// </summary>
    public static class AmiNagiosFormatter
    {
        private const int SummaryProblems = 3;

        public static AmiNagiosResult Format(IReadOnlyList<AmiHealthResult> results)
        {
            if (results.Count == 0)
            {
                return new AmiNagiosResult("AMI UNKNOWN - no health results to report", AmiHealthStatus.Unknown);
            }

            var status = AmiHealthSeverity.Worst(results.Select(r => r.Status));
            var manyHosts = results.Select(r => r.ComputerName).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1;
            var text = new StringBuilder("AMI ").Append(Word(status)).Append(" - ").Append(Summary(results, manyHosts));
            var perfdata = string.Join(" ", results.SelectMany(r => Perfdata(r, manyHosts)));
            if (perfdata.Length > 0)
            {
                text.Append(" | ").Append(perfdata);
            }

            foreach (var result in results.OrderByDescending(r => AmiHealthSeverity.Rank(r.Status)))
            {
                text.Append('\n').Append('[').Append(Word(result.Status)).Append("] ").Append(Line(result, manyHosts));
            }

            return new AmiNagiosResult(text.ToString(), status);
        }

        /// <summary><c>OK</c>, <c>WARNING</c>, <c>CRITICAL</c>, <c>UNKNOWN</c>: the words the guidelines use.</summary>
        public static string Word(AmiHealthStatus status) => status.ToString().ToUpperInvariant();

        private static string Summary(IReadOnlyList<AmiHealthResult> results, bool manyHosts)
        {
            var problems = results.Where(r => r.Status != AmiHealthStatus.Ok).OrderByDescending(r => AmiHealthSeverity.Rank(r.Status)).ToList();
            if (problems.Count == 0)
            {
                var hosts = results.Select(r => r.ComputerName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var where = manyHosts ? $"{hosts.Count} PBXes" : hosts[0];
                return string.Format(CultureInfo.InvariantCulture, "{0} check{1} OK on {2}", results.Count, results.Count == 1 ? string.Empty : "s", where);
            }

            var named = string.Join("; ", problems.Take(SummaryProblems).Select(r => Line(r, manyHosts)));
            return problems.Count > SummaryProblems ? $"{named}; and {problems.Count - SummaryProblems} more problems" : named;
        }

        private static string Line(AmiHealthResult result, bool manyHosts)
        {
            var host = manyHosts && result.ComputerName.Length > 0 ? result.ComputerName + " " : string.Empty;
            var target = result.Target.Length > 0 ? " " + result.Target : string.Empty;
            // A '|' would start perfdata and a line break a new line of long text: neither may come from a message.
            return (host + result.Check + target + ": " + result.Message).Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ');
        }

        // The result's own figure, then each further measure under the result's label and the measure's name.
        private static IEnumerable<string> Perfdata(AmiHealthResult result, bool manyHosts)
        {
            var label = (manyHosts ? result.ComputerName + " " : string.Empty) + result.Check + (result.Target.Length > 0 ? " " + result.Target : string.Empty);
            if (result.Value is { } value)
            {
                yield return Perfdata(label, value, result.Unit, result.Warning, result.Critical, AmiHealthThresholds.Default.LowerIsWorse(result.Check));
            }

            foreach (var measure in result.Measures ?? Array.Empty<AmiHealthMeasure>())
            {
                yield return Perfdata(label + " " + measure.Name, measure.Value, measure.Unit, measure.Warning, measure.Critical, lowerIsWorse: false);
            }
        }

        private static string Perfdata(string label, double value, string unit, double? warning, double? critical, bool lowerIsWorse)
        {
            // Labels may hold anything but '=' and a quote, which the guidelines write as two quotes; the label is
            // always quoted, so its spaces are part of it. A line break or '|' would end the perfdata: never in a label.
            label = label.Replace("=", "_").Replace("'", "''").Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ');
            return string.Format(
                CultureInfo.InvariantCulture,
                "'{0}'={1}{2};{3};{4};0;",
                label,
                Number(value),
                Unit(unit),
                Level(warning, lowerIsWorse),
                Level(critical, lowerIsWorse));
        }

        // A low-is-bad level is the range "n:" (alert below n); a high-is-bad one the plain number.
        private static string Level(double? level, bool lowerIsWorse) =>
            level is { } value ? Number(value) + (lowerIsWorse ? ":" : string.Empty) : string.Empty;

        // The guidelines' units: none (a count), s, ms, us, %, B/KB/MB/TB, c; anything else is left off.
        private static string Unit(string unit) => unit is "s" or "ms" or "us" or "%" or "B" or "KB" or "MB" or "TB" or "c" ? unit : string.Empty;

        private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
