using System;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>How a member belongs to a queue (app_queue's <c>Membership</c>).</summary>
    public enum AmiQueueMembership : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Listed in <c>queues.conf</c>.</summary>
        Static,

        /// <summary>Added at run time (<c>QueueAdd</c>, <c>AddQueueMember</c>); removable.</summary>
        Dynamic,

        /// <summary>From a realtime database.</summary>
        Realtime,
    }

    /// <summary>One member of one queue, as the PBX last reported it. Immutable: a change makes a new object.</summary>
    public sealed class AmiQueueMember
    {
        internal AmiQueueMember(AmiQueueMemberEvent e, string queue, string @interface, string? session)
        {
            Queue = queue;
            Interface = @interface;
            Name = string.IsNullOrEmpty(e.MemberName) ? @interface : e.MemberName!;
            StateInterface = string.IsNullOrEmpty(e.StateInterface) ? @interface : e.StateInterface!;
            Status = (AmiDeviceState)(e.Status ?? 0);
            IsPaused = e.Paused == true;
            PausedReason = IsPaused && !string.IsNullOrEmpty(e.PausedReason) ? e.PausedReason : null;
            PausedSince = IsPaused ? e.LastPause ?? e.Time : (DateTimeOffset?)null;
            InCall = e.InCall == true;
            CallsTaken = e.CallsTaken ?? 0;
            LastCall = e.LastCall;
            LoginTime = e.LoginTime;
            Penalty = e.Penalty ?? 0;
            Membership = ParseMembership(e.Membership);
            Session = session;
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string Queue { get; }

        /// <summary>The member's display name (<c>Alice</c>; the interface when it has none).</summary>
        public string Name { get; }

        /// <summary>Where calls go (<c>PJSIP/1001</c>, <c>Local/1001@office</c>): the member's identity in its queue.</summary>
        public string Interface { get; }

        /// <summary>The device whose state is watched (<c>Custom:1001</c>; the interface when none was set).</summary>
        public string StateInterface { get; }

        /// <summary>The device state (Asterisk's number 0-8 as an enum: 1 NotInUse, 2 InUse, 3 Busy, 6 Ringing, ...).</summary>
        public AmiDeviceState Status { get; }

        /// <summary>The device state as Asterisk words it (<c>Not in use</c>, <c>In use</c>, <c>Busy</c>, <c>Ringing</c>, ...).</summary>
        public string StatusText => DescribeStatus(Status);

        /// <summary>Whether the member is paused (gets no calls).</summary>
        public bool IsPaused { get; }

        /// <summary>Why the member is paused (<c>lunch</c>); null when not paused or no reason was given.</summary>
        public string? PausedReason { get; }

        /// <summary>Since when the member is paused (app_queue's <c>LastPause</c>); null when not paused.</summary>
        public DateTimeOffset? PausedSince { get; }

        /// <summary>Whether the member is on a queue call.</summary>
        public bool InCall { get; private set; }

        /// <summary>Queue calls the member has taken.</summary>
        public int CallsTaken { get; }

        /// <summary>When the member last finished a queue call; null for never.</summary>
        public DateTimeOffset? LastCall { get; }

        /// <summary>When the member logged in (joined the queue), when the PBX says.</summary>
        public DateTimeOffset? LoginTime { get; }

        /// <summary>The penalty: members with lower penalties are rung first.</summary>
        public int Penalty { get; }

        /// <summary>Static (<c>queues.conf</c>), Dynamic (added at run time) or Realtime.</summary>
        public AmiQueueMembership Membership { get; }

        /// <summary>
        /// Whether the member could take a call now, as app_queue counts <c>Available</c>: not paused, and its device
        /// not in use (or of unknown state).
        /// </summary>
        public bool IsAvailable => !IsPaused && (Status == AmiDeviceState.NotInUse || Status == AmiDeviceState.Unknown);

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary><c>support/Alice (Local/1001@office) Not in use, paused: lunch, 3 calls</c>.</summary>
        public override string ToString()
        {
            var paused = IsPaused ? (PausedReason is null ? ", paused" : ", paused: " + PausedReason) : string.Empty;
            var name = Name == Interface ? Interface : $"{Name} ({Interface})";
            return $"{Queue}/{name} {StatusText}{paused}, {CallsTaken} call{(CallsTaken == 1 ? string.Empty : "s")}";
        }

        /// <summary>
        /// Asterisk's words for a device state (<c>ast_devstate2str</c>), as <c>queue show</c> prints them: the one table
        /// in <see cref="AmiSipText.DescribeDeviceState"/>, except that a number AmiPs does not know stays a number.
        /// </summary>
        public static string DescribeStatus(AmiDeviceState status) =>
            Enum.IsDefined(typeof(AmiDeviceState), status)
                ? AmiSipText.DescribeDeviceState(status)
                : ((long)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

        internal AmiQueueMember WithInCall(bool inCall)
        {
            if (InCall == inCall)
            {
                return this;
            }

            var copy = (AmiQueueMember)MemberwiseClone();
            copy.InCall = inCall;
            return copy;
        }

        private static AmiQueueMembership ParseMembership(string? text) =>
            string.Equals(text, "dynamic", StringComparison.OrdinalIgnoreCase) ? AmiQueueMembership.Dynamic
            : string.Equals(text, "realtime", StringComparison.OrdinalIgnoreCase) ? AmiQueueMembership.Realtime
            : AmiQueueMembership.Static;
    }
}
