using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Events;

namespace AmiPs.Simulator
{
    /// <summary>
    /// The few CLI commands the <c>Command</c> action runs, printed as Asterisk prints them (one <c>Output:</c> line each).
    /// Anything else is answered as Asterisk answers an unknown command. There is no SIP stack, as on the recorded server.
    /// </summary>
    internal static class CliCommands
    {
        private const string Version = "Asterisk GIT-master-amips-simulator built by amips @ simulator on a x86_64 running Linux on 2026-01-01 00:00:00 UTC";

        public static IReadOnlyList<string> Run(AmiSimulator server, string command, out bool known)
        {
            var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var text = string.Join(" ", words).ToLowerInvariant();
            known = true;
            switch (text)
            {
                case "core show version":
                    return new[] { Version };
                case "core show uptime":
                    var uptime = Duration(DateTimeOffset.UtcNow - server.Started);
                    return new[] { "System uptime: " + uptime, "Last reload: " + uptime };
                case "core show channels":
                    return Channels(server.Pbx);
                case "core show hints":
                    return Hints(server.Pbx);
            }

            if (words.Length >= 2 && text.StartsWith("dialplan show", StringComparison.Ordinal))
            {
                return Dialplan(server.Pbx, words.Length > 2 ? words[2] : null);
            }

            known = false;
            var hint = string.Join(" ", words.Take(2));
            return new[] { $"No such command '{command.Trim()}' (type 'core show help {hint}' for other possible commands)" };
        }

        private static IReadOnlyList<string> Channels(SimulatedPbx pbx)
        {
            const string Format = "{0,-64} {1,-32} {2,-7} {3,-30}";
            var channels = pbx.ActiveChannels;
            var lines = new List<string> { string.Format(CultureInfo.InvariantCulture, Format, "Channel", "Location", "State", "Application(Data)").TrimEnd() };
            foreach (var channel in channels)
            {
                var location = $"{channel.Exten}@{channel.Context}:{channel.Priority.ToString(CultureInfo.InvariantCulture)}";
                var application = $"{channel.Application}({channel.ApplicationData})";
                lines.Add(string.Format(CultureInfo.InvariantCulture, Format, Cut(channel.Name, 64), Cut(location, 32), Cut(channel.StateDesc, 7), Cut(application, 30)).TrimEnd());
            }

            var calls = channels.Select(c => c.Linkedid).Distinct().Count();
            lines.Add(Plural(channels.Count, "active channel"));
            lines.Add(Plural(calls, "active call"));
            lines.Add(Plural(pbx.CallsProcessed, "call") + " processed");
            return lines;
        }

        private static IReadOnlyList<string> Hints(SimulatedPbx pbx)
        {
            var lines = new List<string> { string.Empty, "    -= Registered Asterisk Dial Plan Hints =-" };
            foreach (var e in pbx.Extensions)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "{0,20}: {1,-20} State:{2,-15} Presence:{3,-15} Watchers {4,2}",
                    e.Exten + "@" + e.Context, e.Hint, AmiStateText.DescribeExtensionState(e.Status), "not_set", 0));
            }

            lines.Add("----------------");
            lines.Add($"- {Plural(pbx.Extensions.Count, "hint")} registered");
            return lines;
        }

        private static IReadOnlyList<string> Dialplan(SimulatedPbx pbx, string? context)
        {
            var wanted = context ?? SimulatedPbx.DefaultContext;
            var extensions = pbx.Extensions.Where(e => string.Equals(e.Context, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            var routes = string.Equals(wanted, SimulatedPbx.DefaultContext, StringComparison.OrdinalIgnoreCase) ? pbx.Routes : new Dictionary<string, SimulatedRoute>();
            if (extensions.Count == 0 && routes.Count == 0)
            {
                return new[] { $"There is no existence of '{wanted}' context" };
            }

            var lines = new List<string> { $"[ Context '{wanted}' created by 'pbx_config' ]" };
            var priorities = 0;
            foreach (var e in extensions)
            {
                var steps = e.DefaultOutcome == SimulatedOutcome.Busy
                    ? new[] { $"Set(DEVICE_STATE({e.Hint})=RINGING)", "Wait(1)", $"Set(DEVICE_STATE({e.Hint})=NOT_INUSE)", "Hangup(17)" }
                    : new[] { $"Set(DEVICE_STATE({e.Hint})=INUSE)", "Answer()", "Wait(2)", $"Set(DEVICE_STATE({e.Hint})=NOT_INUSE)", "Hangup()" };
                lines.Add(Line($"  '{e.Exten}' =>", $"hint: {e.Hint}"));
                lines.AddRange(steps.Select((step, i) => Line(string.Empty, $"{i + 1}. {step}")));
                priorities += steps.Length;
            }

            foreach (var route in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                lines.Add(Line($"  '{route.Key}' =>", $"1. Dial(Local/{route.Value.Target}@{wanted},{route.Value.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)})"));
                lines.Add(Line(string.Empty, "2. Hangup()"));
                priorities += 2;
            }

            lines.Add(string.Empty);
            lines.Add($"-= {Plural(extensions.Count + routes.Count, "extension")} ({Plural(priorities, "priority", "priorities")}) in 1 context. =-");
            return lines;
        }

        private static string Line(string exten, string entry) => (exten.PadRight(20) + entry.PadRight(46) + "[simulator]").TrimEnd();

        private static string Cut(string text, int width) => text.Length <= width ? text : text.Substring(0, width);

        private static string Plural(int count, string singular, string? plural = null) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

        private static string Duration(TimeSpan elapsed)
        {
            var parts = new List<string>();
            if (elapsed.Days > 0)
            {
                parts.Add(Plural(elapsed.Days, "day"));
            }

            if (elapsed.Hours > 0)
            {
                parts.Add(Plural(elapsed.Hours, "hour"));
            }

            if (elapsed.Minutes > 0)
            {
                parts.Add(Plural(elapsed.Minutes, "minute"));
            }

            parts.Add(Plural(elapsed.Seconds, "second"));
            return string.Join(", ", parts);
        }
    }
}
