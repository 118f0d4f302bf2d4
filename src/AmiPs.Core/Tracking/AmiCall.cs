using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// A call: the channels that share a <c>Linkedid</c>. A snapshot, taken when asked for; it does not change after.
    /// Times are the server's (<c>Timestamp</c>) when it sends them, else when AmiPs received the event.
    /// </summary>
    public sealed class AmiCall
    {
        internal AmiCall(TrackedCall call)
        {
            Id = call.Id;
            Session = call.Session;
            From = call.From;
            FromName = call.FromName;
            To = call.To;
            AnsweredBy = call.AnsweredBy;
            State = call.State;
            Disposition = call.Disposition;
            StartTime = call.StartTime;
            AnswerTime = call.AnswerTime;
            EndTime = call.EndTime;
            EndTimeInferred = call.EndTimeInferred;
            StartTimeInferred = call.StartTimeInferred;
            HangupCause = call.HangupCause;
            HangupCauseText = call.HangupCauseText;
            var legs = new List<AmiCallLeg>(call.Legs.Count);
            foreach (var leg in call.Legs)
            {
                legs.Add(new AmiCallLeg(leg));
            }

            Channels = new AmiTextList<AmiCallLeg>(legs); // read-only: an ended call's snapshot is shared by every query
            Bridges = new AmiTextList<string>(new List<string>(call.Bridges));
        }

        /// <summary>The call's <c>Linkedid</c>.</summary>
        public string Id { get; }

        public string? Session { get; }

        /// <summary>Caller id number of the first channel.</summary>
        public string? From { get; }

        /// <summary>Caller id name of the first channel.</summary>
        public string? FromName { get; }

        /// <summary>The extension first dialled.</summary>
        public string? To { get; }

        /// <summary>The extension (or channel) that answered, if any.</summary>
        public string? AnsweredBy { get; }

        public AmiCallState State { get; }

        public AmiCallDisposition Disposition { get; }

        public DateTimeOffset StartTime { get; }

        public DateTimeOffset? AnswerTime { get; }

        public DateTimeOffset? EndTime { get; }

        /// <summary>True when the call vanished while the connection was down: the end time is when AmiPs noticed.</summary>
        public bool EndTimeInferred { get; }

        /// <summary>True when the call was found running after a reconnect: the start comes from the channel's age.</summary>
        public bool StartTimeInferred { get; }

        public bool IsActive => State != AmiCallState.Ended;

        /// <summary>
        /// <see cref="GetDuration"/> as text (<c>00:01:05.2500000</c>, <c>1.02:03:04</c>). Text because
        /// <c>ConvertTo-Json</c> writes a TimeSpan property as its 15 fields; in PowerShell <c>$call.Duration</c> is the
        /// TimeSpan (type data in AmiPs.types.ps1xml), so comparisons keep working.
        /// </summary>
        public string Duration => AmiDurationText.Format(GetDuration());

        /// <summary><see cref="GetTalkTime"/> as text, like <see cref="Duration"/>; in PowerShell <c>$call.TalkTime</c> is the TimeSpan.</summary>
        public string TalkTime => AmiDurationText.Format(GetTalkTime());

        /// <summary>Q.850 cause of the first channel's hang-up (16 normal clearing, 17 busy, ...).</summary>
        public int? HangupCause { get; }

        public string? HangupCauseText { get; }

        public IReadOnlyList<AmiCallLeg> Channels { get; }

        public IReadOnlyList<string> Bridges { get; }

        /// <summary>From start to end (or to now, while active).</summary>
        public TimeSpan GetDuration() => (EndTime ?? DateTimeOffset.Now) - StartTime;

        /// <summary>From answer to end (or to now); zero when never answered.</summary>
        public TimeSpan GetTalkTime() => AnswerTime is { } answered ? (EndTime ?? DateTimeOffset.Now) - answered : TimeSpan.Zero;

        public override string ToString()
        {
            var who = $"{From ?? "?"}{(string.IsNullOrEmpty(FromName) ? string.Empty : " (" + FromName + ")")} -> {To ?? "?"}";
            var how = State == AmiCallState.Ended ? Disposition.ToString() : State.ToString();
            return $"{who} {how} {Format(GetDuration())}{(AnswerTime is null ? string.Empty : ", talk " + Format(GetTalkTime()))} [{Id}]";
        }

        internal static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss") : span.ToString(@"mm\:ss");
    }

    /// <summary>One channel (leg) of a call.</summary>
    public sealed class AmiCallLeg
    {
        internal AmiCallLeg(TrackedLeg leg)
        {
            Channel = leg.Channel;
            Uniqueid = leg.Uniqueid;
            ChannelState = leg.ChannelState;
            CallerIDNum = leg.CallerIDNum;
            Exten = leg.Exten;
            Context = leg.Context;
            StartTime = leg.StartTime;
            AnswerTime = leg.AnswerTime;
            EndTime = leg.EndTime;
            HangupCause = leg.HangupCause;
            Bridge = leg.Bridge;
        }

        public string Channel { get; }

        public string Uniqueid { get; }

        /// <summary>Asterisk's channel state (6 is <see cref="AmiChannelState.Up"/>); an enum, so JSON and CSV say <c>Up</c>.</summary>
        public AmiChannelState ChannelState { get; }

        public string? CallerIDNum { get; }

        public string? Exten { get; }

        public string? Context { get; }

        public DateTimeOffset StartTime { get; }

        public DateTimeOffset? AnswerTime { get; }

        public DateTimeOffset? EndTime { get; }

        public int? HangupCause { get; }

        public string? Bridge { get; }

        public override string ToString() => $"{Channel} ({Uniqueid}) state {ChannelState}{(EndTime is null ? string.Empty : " ended")}";
    }
}
