using System;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>A caller waiting in a queue. Immutable, but <see cref="GetWait"/> reads the clock: it grows while you hold it.</summary>
    public sealed class AmiQueueCaller
    {
        internal AmiQueueCaller(string queue, int position, string channel, string? uniqueid, string? callerIdNum, string? callerIdName, DateTimeOffset joinedAt, string? session)
        {
            Queue = queue;
            Position = position;
            Channel = channel;
            Uniqueid = uniqueid;
            CallerIDNum = callerIdNum;
            CallerIDName = callerIdName;
            JoinedAt = joinedAt;
            Session = session;
        }

        /// <summary>The queue (<c>support</c>).</summary>
        public string Queue { get; }

        /// <summary>The place in the queue, 1 next to be answered.</summary>
        public int Position { get; private set; }

        /// <summary>The caller's channel (<c>PJSIP/trunk-00000012</c>).</summary>
        public string Channel { get; }

        /// <summary>The caller's channel's unique id.</summary>
        public string? Uniqueid { get; }

        /// <summary>The caller ID number; null when unknown.</summary>
        public string? CallerIDNum { get; }

        /// <summary>The caller ID name; null when unknown.</summary>
        public string? CallerIDName { get; }

        /// <summary>When the caller entered the queue.</summary>
        public DateTimeOffset JoinedAt { get; }

        /// <summary>
        /// <see cref="GetWait"/> as text (<c>00:00:42.1234567</c>): ConvertTo-Json writes a TimeSpan as its 15 fields; in
        /// PowerShell <c>$caller.Wait</c> is the TimeSpan (type data).
        /// </summary>
        public string Wait => AmiDurationText.Format(GetWait());

        /// <summary>The member whose phone rings for this caller now (from <c>AgentCalled</c>); null when none does.</summary>
        public string? RingingMember { get; private set; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary>How long the caller has waited so far.</summary>
        public TimeSpan GetWait()
        {
            var wait = AmiLocalClock.Now - JoinedAt;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        /// <summary><c>support #1 5550201 "Quinn" waiting 00:00:42 (Local/3000@office-00000000;2)</c>.</summary>
        public override string ToString()
        {
            var wait = GetWait();
            return $"{Queue} #{Position} {AmiChannelEvent.DescribeParty(CallerIDNum, CallerIDName)} waiting {(int)wait.TotalHours:00}:{wait.Minutes:00}:{wait.Seconds:00} ({Channel})";
        }

        internal AmiQueueCaller WithPosition(int position) => position == Position ? this : Copy(c => c.Position = position);

        internal AmiQueueCaller WithRingingMember(string? member) => member == RingingMember ? this : Copy(c => c.RingingMember = member);

        private AmiQueueCaller Copy(Action<AmiQueueCaller> change)
        {
            var copy = (AmiQueueCaller)MemberwiseClone();
            change(copy);
            return copy;
        }
    }
}
