using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// An event that carries one queue member's whole state (app_queue's member block): the live
    /// <c>QueueMemberStatus</c>, <c>QueueMemberPause</c>, <c>QueueMemberAdded</c>, <c>QueueMemberRemoved</c>,
    /// <c>QueueMemberPenalty</c>, and the <c>QueueMember</c> item of a <c>QueueStatus</c> answer, which names two
    /// fields differently (<c>Name</c> for <c>MemberName</c>, <c>Location</c> for <c>Interface</c>).
    /// </summary>
    public abstract class AmiQueueMemberEvent : AmiEvent
    {
        private readonly string _nameKey;
        private readonly string _interfaceKey;

        private protected AmiQueueMemberEvent(AmiMessage message, DateTimeOffset received, string? session, bool listItem = false)
            : base(message, received, session)
        {
            _nameKey = listItem ? "Name" : "MemberName";
            _interfaceKey = listItem ? "Location" : "Interface";
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string? Queue => Raw["Queue"];

        /// <summary>The member's display name (<c>Alice</c>).</summary>
        public string? MemberName => Raw[_nameKey];

        /// <summary>The interface calls go to (<c>PJSIP/1001</c>, <c>Local/1001@office</c>).</summary>
        public string? Interface => Raw[_interfaceKey];

        /// <summary>The device whose state is watched for the member (<c>Custom:1001</c>).</summary>
        public string? StateInterface => Raw["StateInterface"];

        /// <summary><c>static</c> (queues.conf), <c>dynamic</c> (QueueAdd, AddQueueMember) or <c>realtime</c>.</summary>
        public string? Membership => Raw["Membership"];

        /// <summary>The member's penalty.</summary>
        public int? Penalty => AmiValues.ParseInt(Raw["Penalty"]);

        /// <summary>Calls the member has taken.</summary>
        public int? CallsTaken => AmiValues.ParseInt(Raw["CallsTaken"]);

        /// <summary>When the member last finished a call (UTC); null for never.</summary>
        public DateTimeOffset? LastCall => AmiValues.ParseEpochSeconds(Raw["LastCall"]);

        /// <summary>When the member was last paused (UTC); null for never.</summary>
        public DateTimeOffset? LastPause => AmiValues.ParseEpochSeconds(Raw["LastPause"]);

        /// <summary>When the member logged in (UTC), when sent.</summary>
        public DateTimeOffset? LoginTime => AmiValues.ParseEpochSeconds(Raw["LoginTime"]);

        /// <summary>Whether the member is on a queue call now.</summary>
        public bool? InCall => AmiValues.ParseBool(Raw["InCall"]);

        /// <summary>The member's device state as Asterisk's number, 0-8 (see <see cref="State"/>).</summary>
        public int? Status => AmiValues.ParseInt(Raw["Status"]);

        /// <summary><see cref="Status"/> as a device state (1 NotInUse, 2 InUse, 6 Ringing, ...).</summary>
        public AmiDeviceState? State => (AmiDeviceState?)Status;

        /// <summary>Whether the member is paused.</summary>
        public bool? Paused => AmiValues.ParseBool(Raw["Paused"]);

        /// <summary>Why the member is paused; empty when no reason was given.</summary>
        public string? PausedReason => Raw["PausedReason"];

        /// <summary>Whether the member may be rung while in use (live events only).</summary>
        public bool? Ringinuse => AmiValues.ParseBool(Raw["Ringinuse"]);

        /// <summary>Seconds of wrap-up time after a call, when sent.</summary>
        public int? Wrapuptime => AmiValues.ParseInt(Raw["Wrapuptime"]);

        /// <summary><c>QueueMemberStatus support Local/1001@office InUse paused</c>.</summary>
        public override string ToString() =>
            $"{Event} {Queue} {Interface ?? MemberName} {State?.ToString() ?? "?"}{(Paused == true ? " paused" : string.Empty)}";
    }

    /// <summary><c>QueueMemberStatus</c>: a queue member's device state or call count changed.</summary>
    public sealed class QueueMemberStatusEvent : AmiQueueMemberEvent
    {
        public QueueMemberStatusEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueMemberPause</c>: a member was paused (<see cref="AmiQueueMemberEvent.PausedReason"/> says why) or unpaused.</summary>
    public sealed class QueueMemberPauseEvent : AmiQueueMemberEvent
    {
        public QueueMemberPauseEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueMemberAdded</c>: a member joined a queue (<c>QueueAdd</c>, <c>AddQueueMember</c>, a reload).</summary>
    public sealed class QueueMemberAddedEvent : AmiQueueMemberEvent
    {
        public QueueMemberAddedEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueMemberRemoved</c>: a member left a queue.</summary>
    public sealed class QueueMemberRemovedEvent : AmiQueueMemberEvent
    {
        public QueueMemberRemovedEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>QueueMemberPenalty</c>: a member's penalty changed.</summary>
    public sealed class QueueMemberPenaltyEvent : AmiQueueMemberEvent
    {
        public QueueMemberPenaltyEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary>
    /// <c>QueueMember</c>: one member, an item of a <c>QueueStatus</c> answer (<c>Name</c> and <c>Location</c> are read
    /// as <see cref="AmiQueueMemberEvent.MemberName"/> and <see cref="AmiQueueMemberEvent.Interface"/>).
    /// </summary>
    public sealed class QueueMemberEvent : AmiQueueMemberEvent
    {
        public QueueMemberEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session, listItem: true)
        {
        }

        /// <summary>The <c>Name</c> field as sent (the same as <see cref="AmiQueueMemberEvent.MemberName"/>).</summary>
        public string? Name => MemberName;

        /// <summary>The <c>Location</c> field as sent (the same as <see cref="AmiQueueMemberEvent.Interface"/>).</summary>
        public string? Location => Interface;
    }
}
