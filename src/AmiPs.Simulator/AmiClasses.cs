using System;
using System.Collections.Generic;

namespace AmiPs.Simulator
{
    /// <summary>Asterisk's manager permission classes (<c>EVENT_FLAG_*</c>): what a user may read and write, and an event's <c>Privilege</c>.</summary>
    [Flags]
    internal enum AmiClasses
    {
        None = 0,
        System = 1 << 0,
        Call = 1 << 1,
        Log = 1 << 2,
        Verbose = 1 << 3,
        Command = 1 << 4,
        Agent = 1 << 5,
        User = 1 << 6,
        Config = 1 << 7,
        Dtmf = 1 << 8,
        Reporting = 1 << 9,
        Cdr = 1 << 10,
        Dialplan = 1 << 11,
        Originate = 1 << 12,
        Agi = 1 << 13,
        Cc = 1 << 14,
        Aoc = 1 << 15,
        Test = 1 << 16,
        Security = 1 << 17,
        Message = 1 << 18,
        All = (1 << 19) - 1,
    }

    internal static class AmiClassText
    {
        private static readonly Dictionary<string, AmiClasses> Names = new Dictionary<string, AmiClasses>(StringComparer.OrdinalIgnoreCase)
        {
            ["system"] = AmiClasses.System, ["call"] = AmiClasses.Call, ["log"] = AmiClasses.Log, ["verbose"] = AmiClasses.Verbose,
            ["command"] = AmiClasses.Command, ["agent"] = AmiClasses.Agent, ["user"] = AmiClasses.User, ["config"] = AmiClasses.Config,
            ["dtmf"] = AmiClasses.Dtmf, ["reporting"] = AmiClasses.Reporting, ["cdr"] = AmiClasses.Cdr, ["dialplan"] = AmiClasses.Dialplan,
            ["originate"] = AmiClasses.Originate, ["agi"] = AmiClasses.Agi, ["cc"] = AmiClasses.Cc, ["aoc"] = AmiClasses.Aoc,
            ["test"] = AmiClasses.Test, ["security"] = AmiClasses.Security, ["message"] = AmiClasses.Message, ["all"] = AmiClasses.All,
        };

        /// <summary>Parses a class list (<c>call,system</c>, <c>all</c>); unknown names are ignored as Asterisk does.</summary>
        public static AmiClasses Parse(string? list)
        {
            var classes = AmiClasses.None;
            foreach (var part in (list ?? string.Empty).Split(','))
            {
                if (Names.TryGetValue(part.Trim(), out var value))
                {
                    classes |= value;
                }
            }

            return classes;
        }

        /// <summary>
        /// The <c>Events:</c> value of Login or the <c>EventMask:</c> of the Events action: <c>on</c>, <c>off</c>, a number
        /// or a class list. Null when absent (Login then keeps every class).
        /// </summary>
        public static AmiClasses? ParseEventMask(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var text = value.Trim();
            if (text.Equals("on", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return AmiClasses.All;
            }

            if (text.Equals("off", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return AmiClasses.None;
            }

            return int.TryParse(text, out var number) ? (AmiClasses)number & AmiClasses.All : Parse(text);
        }

        /// <summary>The <c>Privilege:</c> text of a live event: its class and <c>all</c>.</summary>
        public static string Privilege(AmiClasses eventClass) => eventClass switch
        {
            AmiClasses.System => "system,all",
            AmiClasses.Call => "call,all",
            AmiClasses.Dialplan => "dialplan,all",
            AmiClasses.Security => "security,all",
            AmiClasses.Reporting => "reporting,all",
            _ => eventClass.ToString().ToLowerInvariant() + ",all",
        };
    }
}
