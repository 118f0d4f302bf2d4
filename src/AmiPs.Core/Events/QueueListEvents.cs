using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary><c>QueueParams</c>: one queue's settings and counters, an item of a <c>QueueStatus</c> answer.</summary>
    public sealed class QueueParamsEvent : AmiEvent
    {
        public QueueParamsEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>The most callers it takes (0: no limit).</summary>
        public int? Max => AmiValues.ParseInt(Raw["Max"]);

        /// <summary>How it rings members (<c>ringall</c>, <c>leastrecent</c>, <c>rrmemory</c>, ...).</summary>
        public string? Strategy => Raw["Strategy"];

        /// <summary>Callers waiting now.</summary>
        public int? Calls => AmiValues.ParseInt(Raw["Calls"]);

        /// <summary><see cref="GetHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.HoldTime</c> is the TimeSpan (type data).</summary>
        public string? HoldTime => AmiDurationText.Format(GetHoldTime());

        /// <summary>The average time callers wait before an answer (<c>Holdtime</c>, seconds, weighted to recent calls).</summary>
        public TimeSpan? GetHoldTime() => QueueValues.Seconds(Raw["Holdtime"]);

        /// <summary><see cref="GetTalkTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.TalkTime</c> is the TimeSpan (type data).</summary>
        public string? TalkTime => AmiDurationText.Format(GetTalkTime());

        /// <summary>The average talk time (<c>TalkTime</c>, seconds, weighted to recent calls).</summary>
        public TimeSpan? GetTalkTime() => QueueValues.Seconds(Raw["TalkTime"]);

        /// <summary>Answered calls that have ended.</summary>
        public int? Completed => AmiValues.ParseInt(Raw["Completed"]);

        /// <summary>Callers who hung up while waiting.</summary>
        public int? Abandoned => AmiValues.ParseInt(Raw["Abandoned"]);

        /// <summary><see cref="GetServiceLevel"/> as text (<c>00:00:12</c>); in PowerShell <c>.ServiceLevel</c> is the TimeSpan (type data).</summary>
        public string? ServiceLevel => AmiDurationText.Format(GetServiceLevel());

        /// <summary>The service-level threshold (<c>ServiceLevel</c>, seconds; 0 when not set).</summary>
        public TimeSpan? GetServiceLevel() => QueueValues.Seconds(Raw["ServiceLevel"]);

        /// <summary>Percent of completed calls answered within <see cref="ServiceLevel"/> (<c>ServicelevelPerf</c>).</summary>
        [ReadsField("ServicelevelPerf")]
        public double? ServiceLevelPerformance => QueueValues.Number(Raw["ServicelevelPerf"]);

        /// <summary>The same over completed and abandoned calls (<c>ServicelevelPerf2</c>).</summary>
        [ReadsField("ServicelevelPerf2")]
        public double? ServiceLevelPerformance2 => QueueValues.Number(Raw["ServicelevelPerf2"]);

        /// <summary>The queue's weight against other queues sharing members.</summary>
        public int? Weight => AmiValues.ParseInt(Raw["Weight"]);

        /// <summary><c>QueueParams support ringall calls 0</c>.</summary>
        public override string ToString() => $"{Event} {Queue} {Strategy} calls {Raw["Calls"]}";
    }

    /// <summary><c>QueueEntry</c>: one waiting caller, an item of a <c>QueueStatus</c> answer (no channel block: plain fields).</summary>
    public sealed class QueueEntryEvent : AmiEvent
    {
        public QueueEntryEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>The caller's position, 1 first.</summary>
        public int? Position => AmiValues.ParseInt(Raw["Position"]);

        /// <summary>The caller's channel.</summary>
        public string? Channel => Raw["Channel"];

        /// <summary>The caller's channel's unique id.</summary>
        public string? Uniqueid => Raw["Uniqueid"];

        /// <summary>The caller ID number; null when unknown.</summary>
        public string? CallerIDNum => AmiValues.KnownText(Raw["CallerIDNum"]);

        /// <summary>The caller ID name, unescaped; null when unknown.</summary>
        public string? CallerIDName => AmiValues.Unescape(AmiValues.KnownText(Raw["CallerIDName"]));

        /// <summary><see cref="GetWait"/> as text (<c>00:00:12</c>); in PowerShell <c>.Wait</c> is the TimeSpan (type data).</summary>
        public string? Wait => AmiDurationText.Format(GetWait());

        /// <summary>How long the caller has waited (<c>Wait</c>, seconds).</summary>
        public TimeSpan? GetWait() => QueueValues.Seconds(Raw["Wait"]);

        /// <summary>The caller's queue priority.</summary>
        public int? Priority => AmiValues.ParseInt(Raw["Priority"]);

        /// <summary><c>QueueEntry support 1 Local/3000@office-00000000;2</c>.</summary>
        public override string ToString() => $"{Event} {Queue} {Raw["Position"]} {Channel}";
    }

    /// <summary><c>QueueSummary</c>: one queue's member and caller counts, an item of a <c>QueueSummary</c> answer.</summary>
    public sealed class QueueSummaryEvent : AmiEvent
    {
        public QueueSummaryEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>Members whose device is neither unavailable nor invalid.</summary>
        public int? LoggedIn => AmiValues.ParseInt(Raw["LoggedIn"]);

        /// <summary>Members that could take a call now (not paused, not in use).</summary>
        public int? Available => AmiValues.ParseInt(Raw["Available"]);

        /// <summary>Callers waiting now.</summary>
        public int? Callers => AmiValues.ParseInt(Raw["Callers"]);

        /// <summary><see cref="GetHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.HoldTime</c> is the TimeSpan (type data).</summary>
        public string? HoldTime => AmiDurationText.Format(GetHoldTime());

        /// <summary>The average hold time (seconds).</summary>
        public TimeSpan? GetHoldTime() => QueueValues.Seconds(Raw["HoldTime"]);

        /// <summary><see cref="GetTalkTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.TalkTime</c> is the TimeSpan (type data).</summary>
        public string? TalkTime => AmiDurationText.Format(GetTalkTime());

        /// <summary>The average talk time (seconds).</summary>
        public TimeSpan? GetTalkTime() => QueueValues.Seconds(Raw["TalkTime"]);

        /// <summary><see cref="GetLongestHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.LongestHoldTime</c> is the TimeSpan (type data).</summary>
        public string? LongestHoldTime => AmiDurationText.Format(GetLongestHoldTime());

        /// <summary>How long the caller that has waited longest has waited (seconds).</summary>
        public TimeSpan? GetLongestHoldTime() => QueueValues.Seconds(Raw["LongestHoldTime"]);

        /// <summary><c>QueueSummary support available 1 callers 0</c>.</summary>
        public override string ToString() => $"{Event} {Queue} available {Raw["Available"]} callers {Raw["Callers"]}";
    }

    /// <summary>Conversions of app_queue's field text shared by the queue events.</summary>
    internal static class QueueValues
    {
        /// <summary>Whole seconds (<c>HoldTime: 12</c>) as a time span; null when absent or not a number.</summary>
        public static TimeSpan? Seconds(string? text) => AmiValues.ParseInt(text) is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

        /// <summary>A decimal with a point (<c>ServicelevelPerf: 100.0</c>), whatever the culture.</summary>
        public static double? Number(string? text) =>
            text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;
    }
}
