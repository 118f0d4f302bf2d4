using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AmiPs.Simulator;

namespace AmiPs.Commands
{
    /// <summary>
    /// Reads Start-AmiSimulator's <c>-Queue @{ Name = 'support'; Members = 'Local/1001@office,0,Alice,Custom:1001' }</c>:
    /// keys <c>Name</c> (required), <c>Members</c> (queues.conf member lines), <c>Busy</c> (interfaces that ring and do not
    /// answer), <c>Strategy</c>, <c>ServiceLevel</c> (seconds).
    /// </summary>
    internal static class SimulatorQueueOption
    {
        public static IReadOnlyList<SimulatedQueueConfig> Parse(Hashtable[] tables) => tables.Select(Parse).ToArray();

        private static SimulatedQueueConfig Parse(Hashtable table)
        {
            var known = new[] { "Name", "Members", "Busy", "Strategy", "ServiceLevel" };
            foreach (var key in table.Keys.Cast<object>().Select(k => k.ToString() ?? string.Empty))
            {
                if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"-Queue has no key '{key}': use {string.Join(", ", known)}.");
                }
            }

            var name = Text(table, "Name") ?? throw new ArgumentException("Every -Queue needs a Name (@{ Name = 'support'; Members = 'PJSIP/1001' }).");
            var busy = Texts(table, "Busy");
            var members = Texts(table, "Members")
                .Select(SimulatedQueueMemberConfig.Parse)
                .Select(m => busy.Contains(m.Interface, StringComparer.OrdinalIgnoreCase) ? m with { Behavior = SimulatedMemberBehavior.Busy } : m)
                .ToArray();
            var config = new SimulatedQueueConfig(name, members);
            if (Text(table, "Strategy") is { } strategy)
            {
                config = config with { Strategy = strategy };
            }

            if (table["ServiceLevel"] is { } level)
            {
                config = config with { ServiceLevel = LanguagePrimitives.ConvertTo<int>(level) };
            }

            return config;
        }

        private static string? Text(Hashtable table, string key) => table[key] is { } value && value.ToString() is { Length: > 0 } text ? text : null;

        private static string[] Texts(Hashtable table, string key) => table[key] is { } value
            ? LanguagePrimitives.ConvertTo<string[]>(value).Where(s => !string.IsNullOrWhiteSpace(s)).ToArray()
            : Array.Empty<string>();
    }
}
