using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// One queue as the PBX last reported it: its counters from <c>QueueStatus</c>, kept live from the queue and agent
    /// events, its waiting callers in order and its members. Immutable (a change makes a new object), except that the
    /// callers' waits read the clock.
    /// </summary>
    public sealed class AmiQueue
    {
        private readonly TimeSpan _serviceLevel;
        private readonly TimeSpan _holdTime;
        private readonly TimeSpan _talkTime;

        internal AmiQueue(QueueState state, string? session)
        {
            Name = state.Name;
            Strategy = state.Strategy;
            MaxCallers = state.Max;
            Weight = state.Weight;
            Completed = state.Completed;
            Abandoned = state.Abandoned;
            _serviceLevel = TimeSpan.FromSeconds(state.ServiceLevelSeconds);
            ServiceLevelPerformance = state.ServiceLevelPerformance;
            _holdTime = TimeSpan.FromSeconds(state.HoldTimeSeconds);
            _talkTime = TimeSpan.FromSeconds(state.TalkTimeSeconds);
            // Text lists (AmiTextList): CSV shows the callers and members, not AmiQueueCaller[].
            Callers = new AmiTextList<AmiQueueCaller>(state.Callers.ToArray());
            var members = new AmiQueueMember[state.Members.Count];
            state.Members.Values.CopyTo(members, 0);
            Array.Sort(members, (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) is var byName and not 0
                ? byName : string.Compare(a.Interface, b.Interface, StringComparison.OrdinalIgnoreCase));
            Members = new AmiTextList<AmiQueueMember>(members);
            foreach (var member in members)
            {
                if (member.IsAvailable)
                {
                    AvailableMembers++;
                }
            }

            Session = session;
        }

        /// <summary>The queue's name (<c>support</c>).</summary>
        public string Name { get; }

        /// <summary>How it rings members (<c>ringall</c>, <c>leastrecent</c>, <c>rrmemory</c>, ...).</summary>
        public string? Strategy { get; }

        /// <summary>The most callers it takes; 0 for no limit.</summary>
        public int MaxCallers { get; }

        /// <summary>The queue's weight against other queues that share members.</summary>
        public int Weight { get; }

        /// <summary>The callers waiting now, first in line first.</summary>
        public IReadOnlyList<AmiQueueCaller> Callers { get; }

        // The durations are export text (00:00:45) because ConvertTo-Json writes a TimeSpan as its 15 fields; in
        // PowerShell $queue.LongestWait and the others are the TimeSpans (type data), as for calls.

        /// <summary><see cref="GetLongestWait"/> as text (<c>00:00:45</c>).</summary>
        public string LongestWait => AmiDurationText.Format(GetLongestWait());

        /// <summary>Answered calls that have ended (app_queue's <c>Completed</c>, since its last reset).</summary>
        public int Completed { get; }

        /// <summary>Callers who hung up while waiting (<c>Abandoned</c>).</summary>
        public int Abandoned { get; }

        /// <summary><see cref="GetServiceLevel"/> as text.</summary>
        public string ServiceLevel => AmiDurationText.Format(_serviceLevel);

        /// <summary>Percent of completed calls answered within <see cref="GetServiceLevel"/> (<c>ServicelevelPerf</c>).</summary>
        public double ServiceLevelPerformance { get; }

        /// <summary><see cref="GetHoldTime"/> as text.</summary>
        public string HoldTime => AmiDurationText.Format(_holdTime);

        /// <summary><see cref="GetTalkTime"/> as text.</summary>
        public string TalkTime => AmiDurationText.Format(_talkTime);

        /// <summary>The members, by name.</summary>
        public IReadOnlyList<AmiQueueMember> Members { get; }

        /// <summary>Members that could take a call now (see <see cref="AmiQueueMember.IsAvailable"/>).</summary>
        public int AvailableMembers { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary>How long the caller who has waited longest has waited; zero when nobody waits.</summary>
        public TimeSpan GetLongestWait()
        {
            var longest = TimeSpan.Zero;
            foreach (var caller in Callers)
            {
                var wait = caller.GetWait();
                if (wait > longest)
                {
                    longest = wait;
                }
            }

            return longest;
        }

        /// <summary>The service-level threshold (<c>servicelevel</c> in <c>queues.conf</c>; zero when not set).</summary>
        public TimeSpan GetServiceLevel() => _serviceLevel;

        /// <summary>The average wait before an answer, weighted to recent calls as app_queue keeps it (<c>Holdtime</c>).</summary>
        public TimeSpan GetHoldTime() => _holdTime;

        /// <summary>The average talk time, weighted to recent calls (<c>TalkTime</c>).</summary>
        public TimeSpan GetTalkTime() => _talkTime;

        /// <summary><c>support: 2 callers (longest 00:00:45), 1/3 members available, 12 completed, 1 abandoned</c>.</summary>
        public override string ToString()
        {
            var longest = GetLongestWait();
            var callers = Callers.Count == 0 ? "no callers"
                : $"{Callers.Count} caller{(Callers.Count == 1 ? string.Empty : "s")} (longest {(int)longest.TotalHours:00}:{longest.Minutes:00}:{longest.Seconds:00})";
            return $"{Name}: {callers}, {AvailableMembers}/{Members.Count} members available, {Completed} completed, {Abandoned} abandoned";
        }
    }

    /// <summary>A queue's mutable state inside <see cref="AmiQueueTracker"/>, guarded by the tracker's lock.</summary>
    internal sealed class QueueState
    {
        public QueueState(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public string? Strategy { get; set; }

        public int Max { get; set; }

        public int Weight { get; set; }

        public int Completed { get; set; }

        public int Abandoned { get; set; }

        // Completed calls answered within the service level: ServicelevelPerf is this over Completed, in percent.
        public int CompletedInServiceLevel { get; set; }

        public int ServiceLevelSeconds { get; set; }

        public double ServiceLevelPerformance => Completed == 0 ? 0 : 100.0 * CompletedInServiceLevel / Completed;

        public int HoldTimeSeconds { get; set; }

        public int TalkTimeSeconds { get; set; }

        public List<AmiQueueCaller> Callers { get; } = new List<AmiQueueCaller>();

        public Dictionary<string, AmiQueueMember> Members { get; } = new Dictionary<string, AmiQueueMember>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The last snapshot made, until the next change: reading an unchanged queue costs nothing.</summary>
        public AmiQueue? Snapshot { get; set; }

        public void LoadParams(QueueParamsEvent e)
        {
            Strategy = e.Strategy;
            Max = e.Max ?? 0;
            Weight = e.Weight ?? 0;
            Completed = e.Completed ?? 0;
            Abandoned = e.Abandoned ?? 0;
            ServiceLevelSeconds = (int)(e.GetServiceLevel()?.TotalSeconds ?? 0);
            CompletedInServiceLevel = (int)Math.Round((e.ServiceLevelPerformance ?? 0) * Completed / 100.0);
            HoldTimeSeconds = (int)(e.GetHoldTime()?.TotalSeconds ?? 0);
            TalkTimeSeconds = (int)(e.GetTalkTime()?.TotalSeconds ?? 0);
        }

        /// <summary>app_queue's <c>recalc_holdtime</c>: the new wait weighs a quarter, the old average three quarters.</summary>
        public void AddHoldTime(int seconds) => HoldTimeSeconds = ((HoldTimeSeconds << 2) - HoldTimeSeconds + seconds) >> 2;

        /// <summary>app_queue's <c>update_queue</c>: one more completed call, its talk time averaged in as hold times are.</summary>
        public void AddCompleted(int holdSeconds, int talkSeconds)
        {
            Completed++;
            if (holdSeconds <= ServiceLevelSeconds)
            {
                CompletedInServiceLevel++;
            }

            TalkTimeSeconds = Completed == 1 ? talkSeconds : ((TalkTimeSeconds << 2) - TalkTimeSeconds + talkSeconds) >> 2;
        }
    }
}
