using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AmiPs.Simulator
{
    /// <summary>
    /// The simulated app_queue: queues with members and waiting callers, raising the queue and agent events field for
    /// field as the recordings (<c>queue-call.ami</c>): a caller joins, a free member is rung (<c>AgentCalled</c>),
    /// answers (<c>QueueCallerLeave</c>, <c>AgentConnect</c>, <c>AgentComplete</c>) or is busy (<c>AgentRingNoAnswer</c>);
    /// callers abandon; members pause, join and leave. One lock orders state and events, so a <c>QueueStatus</c> list
    /// and the events around it agree. Callers are queue events only: their channels raise no channel events.
    /// </summary>
    public sealed partial class SimulatedQueues
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, SimulatedQueueState> _queues = new Dictionary<string, SimulatedQueueState>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = new List<string>();
        private readonly SimulatedPbx _pbx;
        private readonly AmiSimulatorOptions _options;

        internal SimulatedQueues(AmiSimulatorOptions options, SimulatedPbx pbx)
        {
            _options = options;
            _pbx = pbx;
            var now = Now();
            foreach (var config in options.Queues ?? SimulatedQueueConfig.Defaults())
            {
                var state = new SimulatedQueueState(config);
                state.Members.AddRange(config.Members.Select(m => new SimulatedMember(m, dynamic: false, now)));
                _queues[config.Name] = state;
                _order.Add(config.Name);
            }
        }

        /// <summary>The queues' names, in configuration order.</summary>
        public IReadOnlyList<string> Names
        {
            get
            {
                lock (_gate)
                {
                    return _order.ToArray();
                }
            }
        }

        /// <summary>Callers waiting in <paramref name="queue"/> now.</summary>
        public int WaitingCallers(string queue)
        {
            lock (_gate)
            {
                return Get(queue).Callers.Count;
            }
        }

        /// <summary>
        /// A caller enters <paramref name="queue"/> (<c>QueueCallerJoin</c>) and is offered to a free member at once.
        /// Returns the caller's channel name (for <see cref="AbandonCaller"/>).
        /// </summary>
        public string JoinCaller(string queue, string callerIdNum, string? callerIdName = null)
        {
            lock (_gate)
            {
                var state = Get(queue);
                var uniqueid = _pbx.NextUniqueid();
                var channel = new SimulatedChannel($"Local/{state.Name}@queues-{_pbx.NextLocalSuffix()};2", uniqueid, uniqueid, "queues", state.Name, 4)
                {
                    CallerIDNum = callerIdNum ?? string.Empty,
                    CallerIDName = callerIdName ?? string.Empty,
                    ConnectedLineNum = callerIdNum ?? string.Empty,
                    ConnectedLineName = callerIdName ?? string.Empty,
                    Application = "Queue",
                    ApplicationData = state.Name,
                };
                state.Callers.Add(new SimulatedQueueCaller(channel, state.Callers.Count + 1, DateTimeOffset.UtcNow));
                Raise(CallerEvent("QueueCallerJoin", state, channel).Add("Position", state.Callers.Count).Add("Count", state.Callers.Count));
                OfferCallers(state);
                return channel.Name;
            }
        }

        /// <summary>A waiting caller hangs up: <c>QueueCallerAbandon</c>, then <c>QueueCallerLeave</c>. False when it is not waiting.</summary>
        public bool AbandonCaller(string queue, string channel)
        {
            lock (_gate)
            {
                var state = Get(queue);
                var index = state.Callers.FindIndex(c => c.Channel.Name == channel);
                if (index < 0)
                {
                    return false;
                }

                var caller = state.Callers[index];
                state.Abandoned++;
                Raise(CallerEvent("QueueCallerAbandon", state, caller.Channel)
                    .Add("Position", index + 1)
                    .Add("OriginalPosition", caller.OriginalPosition)
                    .Add("HoldTime", Seconds(DateTimeOffset.UtcNow - caller.Joined)));
                Leave(state, index);
                return true;
            }
        }

        /// <summary>
        /// A fault: the queue fills with callers and no agent is available. Every member's device becomes unavailable
        /// (<c>QueueMemberStatus</c>, status 5), then <paramref name="callers"/> callers join and wait.
        /// </summary>
        public IReadOnlyList<string> FillQueue(string queue, int callers)
        {
            if (callers < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(callers), callers, "At least one caller fills a queue.");
            }

            lock (_gate)
            {
                var state = Get(queue);
                foreach (var member in state.Members)
                {
                    SetStatus(state, member, 5);
                }

                return Enumerable.Range(1, callers).Select(i => JoinCaller(state.Name, (5559000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "Caller " + i)).ToArray();
            }
        }

        /// <summary>Sets a member's device state (1 not in use, 2 in use, 5 unavailable, ...) and sends <c>QueueMemberStatus</c>.</summary>
        public void SetMemberStatus(string queue, string @interface, int status)
        {
            lock (_gate)
            {
                var state = Get(queue);
                var member = state.Find(@interface) ?? throw new ArgumentException($"Queue '{queue}' has no member '{@interface}'.", nameof(@interface));
                SetStatus(state, member, status);
                OfferCallers(state);
            }
        }

        private void SetStatus(SimulatedQueueState state, SimulatedMember member, int status)
        {
            if (member.Status != status)
            {
                member.Status = status;
                Raise(MemberEvent("QueueMemberStatus", state, member));
            }
        }

        // Offers each waiting caller nobody rings for to the first free member (lowest penalty) that has not refused it.
        private void OfferCallers(SimulatedQueueState state)
        {
            foreach (var caller in state.Callers)
            {
                if (caller.Offered)
                {
                    continue;
                }

                var member = state.Members.Where(m => m.CanTakeCall && !caller.Refused.Contains(m.Interface)).OrderBy(m => m.Penalty).FirstOrDefault();
                if (member is null)
                {
                    return;
                }

                caller.Offered = true;
                member.Engaged = true;
                var dest = MemberChannel(member, caller.Channel);
                Raise(AgentEvent("AgentCalled", state, caller.Channel, dest, member));
                SetStatus(state, member, 2);
                _ = RingAsync(state, caller, member, dest);
            }
        }

        private async Task RingAsync(SimulatedQueueState state, SimulatedQueueCaller caller, SimulatedMember member, SimulatedChannel dest)
        {
            var rang = DateTimeOffset.UtcNow;
            await Task.Delay(_options.RingTime).ConfigureAwait(false);
            lock (_gate)
            {
                var index = state.Callers.IndexOf(caller);
                if (index < 0 || member.Behavior == SimulatedMemberBehavior.Busy || !state.Members.Contains(member))
                {
                    if (index >= 0)
                    {
                        Raise(AgentEvent("AgentRingNoAnswer", state, caller.Channel, dest, member).Add("RingTime", (int)(DateTimeOffset.UtcNow - rang).TotalMilliseconds));
                        caller.Offered = false;
                        caller.Refused.Add(member.Interface);
                    }

                    member.Engaged = false;
                    SetStatus(state, member, 1);
                    OfferCallers(state);
                    return;
                }

                var hold = Seconds(DateTimeOffset.UtcNow - caller.Joined);
                Leave(state, index);
                state.HoldTime = ((state.HoldTime << 2) - state.HoldTime + hold) >> 2; // app_queue's recalc_holdtime
                dest.State = 6;
                Raise(AgentEvent("AgentConnect", state, caller.Channel, dest, member).Add("HoldTime", hold).Add("RingTime", Seconds(DateTimeOffset.UtcNow - rang)));
                member.CallsTaken++;
                member.LastCall = Now();
                member.InCall = true;
                Raise(MemberEvent("QueueMemberStatus", state, member));
                _ = TalkAsync(state, caller, member, dest, hold);
            }
        }

        private async Task TalkAsync(SimulatedQueueState state, SimulatedQueueCaller caller, SimulatedMember member, SimulatedChannel dest, int hold)
        {
            var answered = DateTimeOffset.UtcNow;
            await Task.Delay(_options.TalkTime).ConfigureAwait(false);
            lock (_gate)
            {
                var talk = Seconds(DateTimeOffset.UtcNow - answered);
                Raise(AgentEvent("AgentComplete", state, caller.Channel, dest, member).Add("HoldTime", hold).Add("TalkTime", talk).Add("Reason", "agent"));
                state.Completed++;
                state.CompletedInServiceLevel += hold <= state.ServiceLevel ? 1 : 0;
                state.TalkTime = state.Completed == 1 ? talk : ((state.TalkTime << 2) - state.TalkTime + talk) >> 2; // app_queue's update_queue
                member.InCall = false;
                member.Engaged = false;
                member.Status = 1;
                Raise(MemberEvent("QueueMemberStatus", state, member));
                OfferCallers(state);
            }
        }

        // Removes the caller at index (QueueCallerLeave); the callers behind it move up.
        private void Leave(SimulatedQueueState state, int index)
        {
            var caller = state.Callers[index];
            state.Callers.RemoveAt(index);
            Raise(CallerEvent("QueueCallerLeave", state, caller.Channel).Add("Position", index + 1).Add("Count", state.Callers.Count));
        }

        private SimulatedChannel MemberChannel(SimulatedMember member, SimulatedChannel caller)
        {
            var (exten, context) = SimulatorSession.ParseChannel(member.Interface);
            var suffix = _pbx.NextLocalSuffix();
            var name = member.Interface.StartsWith("Local/", StringComparison.OrdinalIgnoreCase) ? $"{member.Interface}-{suffix};1" : $"{member.Interface}-{suffix}";
            return new SimulatedChannel(name, _pbx.NextUniqueid(), caller.Linkedid, context, exten, 0)
            {
                CallerIDNum = caller.CallerIDNum,
                CallerIDName = caller.CallerIDName,
                ConnectedLineNum = caller.CallerIDNum,
                ConnectedLineName = caller.CallerIDName,
            };
        }

        private SimulatedQueueState Get(string queue) =>
            _queues.TryGetValue(queue ?? string.Empty, out var state) ? state : throw new ArgumentException($"The simulated PBX has no queue '{queue}'.", nameof(queue));

        private void Raise(SimEvent e) => _pbx.Raise(e);

        private static int Seconds(TimeSpan span) => Math.Max(0, (int)span.TotalSeconds);

        private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }
}
