using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// A caller's move in a queue: <c>QueueCallerJoin</c>, <c>QueueCallerLeave</c>, <c>QueueCallerAbandon</c>. The
    /// caller's channel block comes without prefix (<see cref="AmiChannelEvent.Channel"/>, <see cref="AmiChannelEvent.Uniqueid"/>).
    /// </summary>
    public abstract class AmiQueueCallerEvent : AmiChannelEvent
    {
        private protected AmiQueueCallerEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>The caller's position in the queue, 1 first (for a leave or abandon: the position it had).</summary>
        public int? Position => AmiValues.ParseInt(Raw["Position"]);

        /// <summary>Callers waiting in the queue after this event (absent on <c>QueueCallerAbandon</c>).</summary>
        public int? Count => AmiValues.ParseInt(Raw["Count"]);

        /// <summary><c>QueueCallerJoin support Local/3000@office-00000000;2 position 1</c>.</summary>
        public override string ToString() => $"{Event} {Queue} {Channel} position {Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
    }

    /// <summary><c>QueueCallerJoin</c>: a caller entered a queue and waits.</summary>
    public sealed class QueueCallerJoinEvent : AmiQueueCallerEvent
    {
        public QueueCallerJoinEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueCallerLeave</c>: a caller left the queue (answered by a member, timed out, or hung up; an abandon comes first).</summary>
    public sealed class QueueCallerLeaveEvent : AmiQueueCallerEvent
    {
        public QueueCallerLeaveEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueCallerAbandon</c>: a caller hung up while waiting.</summary>
    public sealed class QueueCallerAbandonEvent : AmiQueueCallerEvent
    {
        public QueueCallerAbandonEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The position the caller had when it joined.</summary>
        public int? OriginalPosition => AmiValues.ParseInt(Raw["OriginalPosition"]);

        /// <summary><see cref="GetHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.HoldTime</c> is the TimeSpan (type data).</summary>
        public string? HoldTime => AmiDurationText.Format(GetHoldTime());

        /// <summary>How long the caller waited (the <c>HoldTime</c> field, seconds).</summary>
        public TimeSpan? GetHoldTime() => QueueValues.Seconds(Raw["HoldTime"]);
    }

    /// <summary>
    /// An agent event: a queue offers a caller to a member. The caller's channel block comes without prefix, the
    /// member's channel with the <c>Dest</c> prefix; then <c>Queue</c>, <c>Interface</c>, <c>MemberName</c>.
    /// </summary>
    public abstract class AmiQueueAgentEvent : AmiChannelEvent
    {
        private protected AmiQueueAgentEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The member's channel (the <c>Dest*</c> fields).</summary>
        public AmiChannel Dest => new AmiChannel(Raw, AmiChannelKeys.Dest);

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>The member's interface (<c>Local/1001@office</c>).</summary>
        public string? Interface => Raw["Interface"];

        /// <summary>The member's display name (<c>Alice</c>).</summary>
        public string? MemberName => Raw["MemberName"];

        /// <summary><c>AgentConnect support Local/3000@office-00000000;2 -> Local/1001@office (Alice)</c>.</summary>
        public override string ToString() => $"{Event} {Queue} {Channel} -> {Interface} ({MemberName})";
    }

    /// <summary><c>AgentCalled</c>: a member's phone rings with a queue caller.</summary>
    public sealed class AgentCalledEvent : AmiQueueAgentEvent
    {
        public AgentCalledEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>AgentConnect</c>: a member answered a queue caller.</summary>
    public sealed class AgentConnectEvent : AmiQueueAgentEvent
    {
        public AgentConnectEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><see cref="GetHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.HoldTime</c> is the TimeSpan (type data).</summary>
        public string? HoldTime => AmiDurationText.Format(GetHoldTime());

        /// <summary>How long the caller waited before the answer (<c>HoldTime</c>, seconds).</summary>
        public TimeSpan? GetHoldTime() => QueueValues.Seconds(Raw["HoldTime"]);

        /// <summary><see cref="GetRingTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.RingTime</c> is the TimeSpan (type data).</summary>
        public string? RingTime => AmiDurationText.Format(GetRingTime());

        /// <summary>How long the member's phone rang (<c>RingTime</c>, seconds).</summary>
        public TimeSpan? GetRingTime() => QueueValues.Seconds(Raw["RingTime"]);
    }

    /// <summary><c>AgentComplete</c>: a queue call a member answered has ended.</summary>
    public sealed class AgentCompleteEvent : AmiQueueAgentEvent
    {
        public AgentCompleteEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><see cref="GetHoldTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.HoldTime</c> is the TimeSpan (type data).</summary>
        public string? HoldTime => AmiDurationText.Format(GetHoldTime());

        /// <summary>How long the caller waited before the answer (<c>HoldTime</c>, seconds).</summary>
        public TimeSpan? GetHoldTime() => QueueValues.Seconds(Raw["HoldTime"]);

        /// <summary><see cref="GetTalkTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.TalkTime</c> is the TimeSpan (type data).</summary>
        public string? TalkTime => AmiDurationText.Format(GetTalkTime());

        /// <summary>How long the call lasted after the answer (<c>TalkTime</c>, seconds).</summary>
        public TimeSpan? GetTalkTime() => QueueValues.Seconds(Raw["TalkTime"]);

        /// <summary>Who hung up: <c>caller</c>, <c>agent</c> or <c>transfer</c>.</summary>
        public string? Reason => Raw["Reason"];
    }

    /// <summary><c>AgentRingNoAnswer</c>: a member's phone rang and nobody answered (or it was busy).</summary>
    public sealed class AgentRingNoAnswerEvent : AmiQueueAgentEvent
    {
        public AgentRingNoAnswerEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><see cref="GetRingTime"/> as text (<c>00:00:12</c>); in PowerShell <c>.RingTime</c> is the TimeSpan (type data).</summary>
        public string? RingTime => AmiDurationText.Format(GetRingTime());

        /// <summary>How long it rang: app_queue sends this <c>RingTime</c> in milliseconds (the dial timeout it waited).</summary>
        public TimeSpan? GetRingTime() => AmiValues.ParseInt(Raw["RingTime"]) is int ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
    }
}
