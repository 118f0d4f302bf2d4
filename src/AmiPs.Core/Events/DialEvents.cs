using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// The dial events: the caller's channel block without prefix (absent for the dial an <c>Originate</c> makes, then
    /// the channel properties are null and <see cref="Caller"/> is null) and the callee's block prefixed <c>Dest</c>.
    /// </summary>
    public abstract class AmiDialEvent : AmiChannelEvent
    {
        protected AmiDialEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The calling channel, or null when there is none (an originated call).</summary>
        public AmiChannel? Caller
        {
            get
            {
                var caller = Snapshot;
                return caller.IsPresent ? caller : (AmiChannel?)null;
            }
        }

        /// <summary>The channel being dialed (the <c>Dest*</c> fields).</summary>
        public AmiChannel Dest => new AmiChannel(Raw, AmiChannelKeys.Dest);

        /// <summary><c>DialBegin PJSIP/1001-00000001 -> PJSIP/2000-00000002</c>, <c>(originate)</c> when there is no caller.</summary>
        public override string ToString() => $"{Event} {Channel ?? "(originate)"} -> {Dest.Channel}";
    }

    /// <summary><c>DialBegin</c>: a channel starts dialing another.</summary>
    public sealed class DialBeginEvent : AmiDialEvent
    {
        public DialBeginEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>What was dialed, without the technology (<c>1001@office</c>, <c>2000</c>).</summary>
        public string? DialString => Raw["DialString"];

        /// <summary><c>DialBegin PJSIP/1001-00000001 -> PJSIP/2000-00000002 (2000)</c>.</summary>
        public override string ToString() => DialString is null ? base.ToString() : $"{base.ToString()} ({DialString})";
    }

    /// <summary><c>DialState</c>: progress of a dial that has not ended (<c>RINGING</c>, <c>PROCEEDING</c>, <c>PROGRESS</c>).</summary>
    public sealed class DialStateEvent : AmiDialEvent
    {
        public DialStateEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The progress as an enum (Unknown for a value AmiPs does not know; see <see cref="DialStatusText"/>).</summary>
        public AmiDialStatus DialStatus => AmiStateText.ParseDialStatus(DialStatusText);

        /// <summary>The <c>DialStatus</c> text as sent.</summary>
        public string? DialStatusText => Raw["DialStatus"];

        /// <summary><c>DialState PJSIP/1001-00000001 -> PJSIP/2000-00000002 RINGING</c>.</summary>
        public override string ToString() => $"{base.ToString()} {DialStatusText}";
    }

    /// <summary><c>DialEnd</c>: a dial finished; <see cref="DialStatus"/> says how (ANSWER, BUSY, NOANSWER, ...).</summary>
    public sealed class DialEndEvent : AmiDialEvent
    {
        public DialEndEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The result as an enum (Unknown for a value AmiPs does not know; see <see cref="DialStatusText"/>).</summary>
        public AmiDialStatus DialStatus => AmiStateText.ParseDialStatus(DialStatusText);

        /// <summary>The <c>DialStatus</c> text as sent (<c>ANSWER</c>, <c>GOTO:office,100,1</c>, or a value newer than AmiPs).</summary>
        public string? DialStatusText => Raw["DialStatus"];

        /// <summary>Where the call was forwarded to, when it was.</summary>
        public string? Forward => Raw["Forward"];

        /// <summary><c>DialEnd PJSIP/1001-00000001 -> PJSIP/2000-00000002 ANSWER</c>.</summary>
        public override string ToString() =>
            Forward is null ? $"{base.ToString()} {DialStatusText}" : $"{base.ToString()} {DialStatusText} forward {Forward}";
    }

    /// <summary>
    /// <c>OriginateResponse</c>: the outcome of an <c>Originate</c> sent with <c>Async: true</c>, matched to it by
    /// <see cref="AmiEvent.ActionId"/>. Not a channel block: names here are not C-escaped.
    /// </summary>
    public sealed class OriginateResponseEvent : AmiEvent
    {
        public OriginateResponseEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>Success</c> or <c>Failure</c>.</summary>
        public string? Response => Raw["Response"];

        /// <summary>Whether the originate succeeded (<c>Response: Success</c>).</summary>
        public bool IsSuccess => string.Equals(Response, "Success", StringComparison.OrdinalIgnoreCase);

        /// <summary>The channel that was originated (just the dial string, <c>Local/2002@office</c>, when it failed).</summary>
        public string? Channel => Raw["Channel"];

        /// <summary>The context the call was sent to (originate to an extension).</summary>
        public string? Context => Raw["Context"];

        /// <summary>The extension the call was sent to (originate to an extension).</summary>
        public string? Exten => Raw["Exten"];

        /// <summary>The application the call was connected to (originate to an application).</summary>
        public string? Application => Raw["Application"];

        /// <summary>The application's arguments.</summary>
        public string? Data => Raw["Data"];

        /// <summary>The reason number: 4 answered, 5 busy, 8 congestion, 3 ringing (timed out), 1 hangup, 0 failed.</summary>
        public int? Reason => AmiValues.ParseInt(Raw["Reason"]);

        /// <summary><see cref="Reason"/> as an enum.</summary>
        public AmiOriginateReason? Result => (AmiOriginateReason?)Reason;

        /// <summary><see cref="Reason"/> in words (<c>Answered</c>, <c>Busy</c>, ...).</summary>
        public string? ReasonText => AmiStateText.DescribeOriginateReason(Reason);

        /// <summary>The new channel's unique id; null when the call failed (<c>&lt;unknown&gt;</c>).</summary>
        public string? Uniqueid => AmiValues.KnownText(Raw["Uniqueid"]);

        /// <summary>The caller ID number given to the call; null when unknown.</summary>
        public string? CallerIDNum => AmiValues.KnownText(Raw["CallerIDNum"]);

        /// <summary>The caller ID name given to the call; null when unknown.</summary>
        public string? CallerIDName => AmiValues.KnownText(Raw["CallerIDName"]);

        /// <summary><c>OriginateResponse Local/2000@office-00000000;1 Success reason 4 (Answered)</c>.</summary>
        public override string ToString()
        {
            var reason = Reason;
            var text = reason is null ? string.Empty : $" reason {reason.Value.ToString(CultureInfo.InvariantCulture)} ({ReasonText})";
            return $"{Event} {Channel} {Response}{text}";
        }
    }
}
