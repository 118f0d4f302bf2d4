using System;
using System.Collections.Generic;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// Queues, their members and waiting callers: loaded with <c>QueueStatus</c> after each login, kept live from
    /// <c>QueueCallerJoin/Leave/Abandon</c>, <c>AgentCalled/Connect/Complete/RingNoAnswer</c> and
    /// <c>QueueMemberStatus/Pause/Added/Removed/Penalty</c>. Thread-safe; reading an unchanged queue allocates nothing.
    /// </summary>
    public sealed partial class AmiQueueTracker
    {
        private readonly object _gate = new object();
        private readonly string? _session;
        private Dictionary<string, QueueState> _queues = new Dictionary<string, QueueState>(StringComparer.OrdinalIgnoreCase);

        // Queue events handled while a QueueStatus answer is awaited (null otherwise): replayed over the list when newer.
        private List<AmiEvent>? _duringLoad;

        internal AmiQueueTracker(string? session)
        {
            _session = session;
        }

        /// <summary>Raised (on the reader thread) after an event changed a queue; the argument is the queue's name.</summary>
        public event Action<string>? Changed;

        /// <summary>Whether the PBX has queues at all (app_queue), as the last load found; <see cref="AmiQueueSupport.Unknown"/> before one.</summary>
        public AmiQueueSupport Support { get; private set; }

        /// <summary>The number of queues known.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _queues.Count;
                }
            }
        }

        /// <summary>Every queue, by name.</summary>
        /// <exception cref="AmiFeatureMissingException">The PBX has no app_queue: there are no queues to list, which is not "no queues".</exception>
        public IReadOnlyList<AmiQueue> GetQueues()
        {
            EnsureAvailable();
            lock (_gate)
            {
                var list = new List<AmiQueue>(_queues.Count);
                foreach (var state in _queues.Values)
                {
                    list.Add(Snapshot(state));
                }

                list.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
                return list;
            }
        }

        /// <summary>One queue by name, or null when there is none.</summary>
        /// <exception cref="AmiFeatureMissingException">The PBX has no app_queue.</exception>
        public AmiQueue? GetQueue(string name)
        {
            EnsureAvailable();
            lock (_gate)
            {
                return _queues.TryGetValue(name, out var state) ? Snapshot(state) : null;
            }
        }

        /// <summary>One member of a queue by interface (case-insensitive, as app_queue compares them), or null.</summary>
        public AmiQueueMember? GetMember(string queue, string @interface)
        {
            lock (_gate)
            {
                return _queues.TryGetValue(queue, out var state) && state.Members.TryGetValue(@interface, out var member) ? member : null;
            }
        }

        /// <summary>Applies a live event; events that are not about queues return at once.</summary>
        internal void Apply(AmiEvent amiEvent)
        {
            if (amiEvent is not (AmiQueueMemberEvent or AmiQueueCallerEvent or AmiQueueAgentEvent))
            {
                return;
            }

            string? changed;
            lock (_gate)
            {
                changed = ApplyTo(_queues, amiEvent);
                _duringLoad?.Add(amiEvent);
            }

            if (changed is not null)
            {
                Changed?.Invoke(changed);
            }
        }

        /// <summary>Marks the start of a load, before <c>QueueStatus</c> is sent.</summary>
        internal void BeginLoad()
        {
            lock (_gate)
            {
                _duringLoad = new List<AmiEvent>();
            }
        }

        /// <summary>Ends a load, whether or not it finished.</summary>
        internal void EndLoad()
        {
            lock (_gate)
            {
                _duringLoad = null;
            }
        }

        /// <summary>
        /// Replaces every queue with the items of a <c>QueueStatus</c> answer (<c>QueueParams</c>, <c>QueueMember</c>,
        /// <c>QueueEntry</c>), then replays the live events handled since <see cref="BeginLoad"/> that arrived after the
        /// list (<paramref name="listEnd"/>): they are newer than it. app_queue sends a list whole, events only between
        /// lists, so arrival order is the PBX's order.
        /// </summary>
        internal void Load(IReadOnlyList<AmiEvent> items, DateTimeOffset listEnd)
        {
            var fresh = new Dictionary<string, QueueState>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                switch (item)
                {
                    case QueueParamsEvent p when p.Queue is { Length: > 0 } name:
                        StateOf(fresh, name).LoadParams(p);
                        break;
                    case QueueMemberEvent m:
                        UpsertMember(fresh, m);
                        break;
                    case QueueEntryEvent entry when entry.Queue is { Length: > 0 } name && entry.Channel is { Length: > 0 } channel:
                        var callers = StateOf(fresh, name).Callers;
                        var joined = entry.Time - (entry.GetWait() ?? TimeSpan.Zero);
                        callers.Add(new AmiQueueCaller(name, entry.Position ?? callers.Count + 1, channel, entry.Uniqueid, entry.CallerIDNum, entry.CallerIDName, joined, _session));
                        break;
                }
            }

            foreach (var state in fresh.Values)
            {
                state.Callers.Sort((a, b) => a.Position.CompareTo(b.Position));
            }

            lock (_gate)
            {
                if (_duringLoad is { } live)
                {
                    foreach (var e in live)
                    {
                        if (e.Received > listEnd)
                        {
                            ApplyTo(fresh, e);
                        }
                    }

                    _duringLoad = null;
                }

                _queues = fresh;
                Support = AmiQueueSupport.Present;
            }

            Changed?.Invoke(string.Empty);
        }

        /// <summary>Records that the PBX answered <c>QueueStatus</c> as an unknown action: it has no app_queue.</summary>
        internal void SetMissing()
        {
            lock (_gate)
            {
                _queues = new Dictionary<string, QueueState>(StringComparer.OrdinalIgnoreCase);
                Support = AmiQueueSupport.Missing;
            }
        }

        /// <summary>Throws when the last load found no app_queue on the PBX; returns otherwise.</summary>
        /// <exception cref="AmiFeatureMissingException">The PBX has no app_queue.</exception>
        public void EnsureAvailable()
        {
            if (Support == AmiQueueSupport.Missing)
            {
                throw new AmiFeatureMissingException(
                    "app_queue",
                    $"The PBX of session '{_session}' has no queues: it answers QueueStatus as an unknown action (app_queue.so is not loaded).");
            }
        }

        // The one place that changes queue state, for live events and for the replay after a load; returns the queue changed.
        private string? ApplyTo(Dictionary<string, QueueState> queues, AmiEvent amiEvent)
        {
            switch (amiEvent)
            {
                case QueueMemberRemovedEvent removed when removed.Queue is { } queue && removed.Interface is { } iface:
                    return queues.TryGetValue(queue, out var from) && from.Members.Remove(iface) ? Touch(from) : null;
                case AmiQueueMemberEvent member:
                    return UpsertMember(queues, member) is { } upserted ? Touch(upserted) : null;
                case QueueCallerJoinEvent join when join.Queue is { Length: > 0 } queue && join.Channel is { } channel:
                    return Join(StateOf(queues, queue), join, channel);
                case QueueCallerAbandonEvent abandon when abandon.Queue is { } queue && queues.TryGetValue(queue, out var state):
                    state.Abandoned++;
                    RemoveCaller(state, abandon.Uniqueid, abandon.Channel);
                    return Touch(state);
                case QueueCallerLeaveEvent leave when leave.Queue is { } queue && queues.TryGetValue(queue, out var state):
                    return RemoveCaller(state, leave.Uniqueid, leave.Channel) ? Touch(state) : null;
                case AmiQueueAgentEvent agent when agent.Queue is { } queue && queues.TryGetValue(queue, out var state):
                    ApplyAgent(state, agent);
                    return Touch(state);
                default:
                    return null;
            }
        }

        private static void ApplyAgent(QueueState state, AmiQueueAgentEvent agent)
        {
            switch (agent)
            {
                case AgentCalledEvent:
                    SetRinging(state, agent.Uniqueid, agent.MemberName ?? agent.Interface);
                    break;
                case AgentRingNoAnswerEvent:
                    SetRinging(state, agent.Uniqueid, null);
                    break;
                case AgentConnectEvent connect:
                    state.AddHoldTime((int)(connect.GetHoldTime()?.TotalSeconds ?? 0));
                    RemoveCaller(state, connect.Uniqueid, connect.Channel); // QueueCallerLeave may come before or after
                    SetInCall(state, connect.Interface, true);
                    break;
                case AgentCompleteEvent complete:
                    state.AddCompleted((int)(complete.GetHoldTime()?.TotalSeconds ?? 0), (int)(complete.GetTalkTime()?.TotalSeconds ?? 0));
                    SetInCall(state, complete.Interface, false);
                    break;
            }
        }

        private string Join(QueueState state, QueueCallerJoinEvent join, string channel)
        {
            RemoveCaller(state, join.Uniqueid, channel);
            var index = Math.Max(0, Math.Min(state.Callers.Count, (join.Position ?? int.MaxValue) - 1));
            state.Callers.Insert(index, new AmiQueueCaller(state.Name, index + 1, channel, join.Uniqueid, join.CallerIDNum, join.CallerIDName, join.Time, _session));
            Renumber(state);
            return Touch(state);
        }

        private QueueState? UpsertMember(Dictionary<string, QueueState> queues, AmiQueueMemberEvent e)
        {
            if (e.Queue is not { Length: > 0 } queue || e.Interface is not { Length: > 0 } iface)
            {
                return null;
            }

            var state = StateOf(queues, queue);
            state.Members[iface] = new AmiQueueMember(e, state.Name, iface, _session);
            return state;
        }

        private static bool RemoveCaller(QueueState state, string? uniqueid, string? channel)
        {
            var index = state.Callers.FindIndex(c => uniqueid is not null && c.Uniqueid is not null ? c.Uniqueid == uniqueid : c.Channel == channel);
            if (index < 0)
            {
                return false;
            }

            state.Callers.RemoveAt(index);
            Renumber(state);
            return true;
        }

        // app_queue renumbers the callers behind one who joins ahead or leaves.
        private static void Renumber(QueueState state)
        {
            for (var i = 0; i < state.Callers.Count; i++)
            {
                state.Callers[i] = state.Callers[i].WithPosition(i + 1);
            }
        }

        private static void SetRinging(QueueState state, string? uniqueid, string? member)
        {
            var index = state.Callers.FindIndex(c => c.Uniqueid == uniqueid);
            if (index >= 0)
            {
                state.Callers[index] = state.Callers[index].WithRingingMember(member);
            }
        }

        private static void SetInCall(QueueState state, string? iface, bool inCall)
        {
            if (iface is not null && state.Members.TryGetValue(iface, out var member))
            {
                state.Members[iface] = member.WithInCall(inCall);
            }
        }

        private static QueueState StateOf(Dictionary<string, QueueState> queues, string name)
        {
            if (!queues.TryGetValue(name, out var state))
            {
                state = new QueueState(name);
                queues.Add(name, state);
            }

            return state;
        }

        private static string Touch(QueueState state)
        {
            state.Snapshot = null;
            return state.Name;
        }

        private AmiQueue Snapshot(QueueState state) => state.Snapshot ??= new AmiQueue(state, _session);

        // What Export-Csv writes for the session's Queues column (it writes ToString(), which was the type name).
        public override string ToString() => $"{Count} queues";
    }

    /// <summary>Whether a PBX has queues (app_queue), as a session's last load found.</summary>
    public enum AmiQueueSupport : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Not loaded yet (or the load failed).</summary>
        Unknown,

        /// <summary>The PBX answered <c>QueueStatus</c>: it has app_queue (maybe with no queue configured).</summary>
        Present,

        /// <summary>The PBX has no app_queue: <c>QueueStatus</c> is an unknown action there.</summary>
        Missing,
    }
}
