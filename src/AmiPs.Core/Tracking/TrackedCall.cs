using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>The tracker's live, mutable state of one call; guarded by the tracker's lock, never handed out.</summary>
    internal sealed class TrackedCall
    {
        public TrackedCall(string id, string? session, DateTimeOffset start)
        {
            Id = id;
            Session = session;
            StartTime = start;
        }

        public string Id { get; }

        public string? Session { get; }

        public string? From { get; set; }

        public string? FromName { get; set; }

        public string? To { get; set; }

        public string? AnsweredBy { get; set; }

        public AmiCallState State { get; set; } = AmiCallState.New;

        public AmiCallDisposition Disposition { get; set; }

        public DateTimeOffset StartTime { get; set; }

        public DateTimeOffset? AnswerTime { get; set; }

        public DateTimeOffset? EndTime { get; set; }

        public bool EndTimeInferred { get; set; }

        public bool StartTimeInferred { get; set; }

        public int? HangupCause { get; set; }

        public string? HangupCauseText { get; set; }

        /// <summary>How well <see cref="HangupCause"/> says why the call ended (see <c>AmiCallTracker.CauseRank</c>); -1 before any leg hung up.</summary>
        public int HangupCauseRank { get; set; } = -1;

        /// <summary>Outcome of a dial made by a channel (the real one); preferred over the dial an Originate makes.</summary>
        public AmiDialStatus? DialStatus { get; set; }

        /// <summary>Outcome of a dial without a calling channel (an Originate's).</summary>
        public AmiDialStatus? OriginateDialStatus { get; set; }

        /// <summary>The Uniqueid of the channel that answered (the callee of the answered dial), when known.</summary>
        public string? AnsweredUniqueid { get; set; }

        public List<TrackedLeg> Legs { get; } = new List<TrackedLeg>(4);

        public HashSet<string> Bridges { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Dial strings by the callee's Uniqueid, to name who answered.</summary>
        public Dictionary<string, string> DialTargets { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public TrackedLeg? FindLeg(string uniqueid)
        {
            foreach (var leg in Legs)
            {
                if (leg.Uniqueid == uniqueid)
                {
                    return leg;
                }
            }

            return null;
        }

        public bool AllLegsEnded()
        {
            foreach (var leg in Legs)
            {
                if (leg.EndTime is null)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The tracker's state of one channel.</summary>
    internal sealed class TrackedLeg
    {
        public TrackedLeg(string channel, string uniqueid, DateTimeOffset start)
        {
            Channel = channel;
            Uniqueid = uniqueid;
            StartTime = start;
            LastSeen = start;
        }

        public string Channel { get; set; }

        public string Uniqueid { get; }

        public AmiChannelState ChannelState { get; set; }

        public string? CallerIDNum { get; set; }

        public string? Exten { get; set; }

        public string? Context { get; set; }

        public DateTimeOffset StartTime { get; }

        public DateTimeOffset? AnswerTime { get; set; }

        public DateTimeOffset? EndTime { get; set; }

        public int? HangupCause { get; set; }

        public string? Bridge { get; set; }

        /// <summary>
        /// When an event last spoke of this channel, on the local clock (never the server's Timestamp, which may be
        /// skewed): a resync keeps channels seen after it started.
        /// </summary>
        public DateTimeOffset LastSeen { get; set; }
    }
}
