using System;
using System.Collections.Generic;

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

            Channels = legs.AsReadOnly(); // read-only: an ended call's snapshot is shared by every query
            Bridges = new List<string>(call.Bridges).AsReadOnly();
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

        /// <summary>From start to end (or to now, while active).</summary>
        public TimeSpan Duration => (EndTime ?? DateTimeOffset.Now) - StartTime;

        /// <summary>From answer to end (or to now); zero when never answered.</summary>
        public TimeSpan TalkTime => AnswerTime is { } answered ? (EndTime ?? DateTimeOffset.Now) - answered : TimeSpan.Zero;

        /// <summary>Q.850 cause of the first channel's hang-up (16 normal clearing, 17 busy, ...).</summary>
        public int? HangupCause { get; }

        public string? HangupCauseText { get; }

        public IReadOnlyList<AmiCallLeg> Channels { get; }

        public IReadOnlyList<string> Bridges { get; }

        public override string ToString()
        {
            var who = $"{From ?? "?"}{(string.IsNullOrEmpty(FromName) ? string.Empty : " (" + FromName + ")")} -> {To ?? "?"}";
            var how = State == AmiCallState.Ended ? Disposition.ToString() : State.ToString();
            return $"{who} {how} {Format(Duration)}{(AnswerTime is null ? string.Empty : ", talk " + Format(TalkTime))} [{Id}]";
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
            ChannelState = (int)leg.ChannelState;
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

        /// <summary>0 Down ... 4 Ring, 5 Ringing, 6 Up (Asterisk's channel states).</summary>
        public int ChannelState { get; }

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
