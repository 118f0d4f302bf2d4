using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>The simulated app_queue's actions and the fields of its events and list items, in app_queue's order.</summary>
    public sealed partial class SimulatedQueues
    {
        /// <summary>The outcome of a member action, as app_queue words its answer.</summary>
        internal readonly record struct QueueActionResult(bool Success, string Message);

        /// <summary>
        /// <c>QueuePause</c>: in one queue, or in every queue that has the interface when none is named. Like app_queue,
        /// the answer goes out before the events (each member action answers through <paramref name="answer"/>, under the lock).
        /// </summary>
        internal void Pause(string? queue, string @interface, bool paused, string? reason, Action<QueueActionResult> answer)
        {
            lock (_gate)
            {
                var found = Selected(queue).Select(q => (Queue: q, Member: q.Find(@interface))).Where(p => p.Member is not null).ToList();
                if (found.Count == 0)
                {
                    answer(new QueueActionResult(false, "Interface not found"));
                    return;
                }

                answer(new QueueActionResult(true, paused ? "Interface paused successfully" : "Interface unpaused successfully"));
                foreach (var (state, member) in found)
                {
                    member!.Paused = paused;
                    member.PausedReason = paused ? reason ?? string.Empty : string.Empty;
                    if (paused)
                    {
                        member.LastPause = Now();
                    }

                    Raise(MemberEvent("QueueMemberPause", state, member));
                    OfferCallers(state);
                }
            }
        }

        /// <summary><c>QueueAdd</c>: a dynamic member.</summary>
        internal void Add(string queue, SimulatedQueueMemberConfig config, Action<QueueActionResult> answer)
        {
            lock (_gate)
            {
                if (!_queues.TryGetValue(queue, out var state))
                {
                    answer(new QueueActionResult(false, "Unable to add interface to queue: No such queue"));
                }
                else if (state.Find(config.Interface) is not null)
                {
                    answer(new QueueActionResult(false, "Unable to add interface: Already there"));
                }
                else
                {
                    answer(new QueueActionResult(true, "Added interface to queue"));
                    var member = new SimulatedMember(config, dynamic: true, Now());
                    state.Members.Add(member);
                    Raise(MemberEvent("QueueMemberAdded", state, member));
                    OfferCallers(state);
                }
            }
        }

        /// <summary><c>QueueRemove</c>: only dynamic members can go.</summary>
        internal void Remove(string queue, string @interface, Action<QueueActionResult> answer)
        {
            lock (_gate)
            {
                var member = _queues.TryGetValue(queue, out var state) ? state.Find(@interface) : null;
                if (state is null || member is null || !member.Dynamic)
                {
                    answer(new QueueActionResult(false, state is null ? "Unable to remove interface from queue: No such queue" : member is null ? "Unable to remove interface: Not there" : "Member not dynamic"));
                    return;
                }

                answer(new QueueActionResult(true, "Removed interface from queue"));
                state.Members.Remove(member);
                Raise(MemberEvent("QueueMemberRemoved", state, member));
            }
        }

        /// <summary><c>QueuePenalty</c>: in one queue, or every queue with the interface.</summary>
        internal void SetPenalty(string? queue, string @interface, int penalty, Action<QueueActionResult> answer)
        {
            lock (_gate)
            {
                var members = Selected(queue).Select(q => (Queue: q, Member: q.Find(@interface))).Where(p => p.Member is not null).ToList();
                if (penalty < 0 || members.Count == 0)
                {
                    answer(new QueueActionResult(false, "Invalid interface, queuename or penalty"));
                    return;
                }

                answer(new QueueActionResult(true, "Interface penalty set successfully"));
                foreach (var (state, member) in members)
                {
                    member!.Penalty = penalty;
                    Raise(MemberEvent("QueueMemberPenalty", state, member));
                }
            }
        }

        /// <summary>
        /// The items of <c>QueueStatus</c> (per queue: QueueParams, its QueueMembers, its QueueEntrys; ActionID last), handed
        /// to <paramref name="send"/> under the lock, so no queue event is raised between the list and its sending.
        /// </summary>
        internal void Status(string? queue, string? member, string? actionId, Action<List<IReadOnlyList<AmiField>>> send)
        {
            lock (_gate)
            {
                var now = DateTimeOffset.UtcNow;
                var items = new List<IReadOnlyList<AmiField>>();
                foreach (var state in Selected(queue))
                {
                    var perf = state.Completed == 0 ? 0.0 : 100.0 * state.CompletedInServiceLevel / state.Completed;
                    var total = state.Completed + state.Abandoned;
                    var perf2 = total == 0 ? 0.0 : 100.0 * state.CompletedInServiceLevel / total;
                    items.Add(Item(new SimEvent("QueueParams", AmiClasses.None).Add("Event", "QueueParams").Add("Queue", state.Name).Add("Max", 0).Add("Strategy", state.Strategy)
                        .Add("Calls", state.Callers.Count).Add("Holdtime", state.HoldTime).Add("TalkTime", state.TalkTime).Add("Completed", state.Completed)
                        .Add("Abandoned", state.Abandoned).Add("ServiceLevel", state.ServiceLevel).Add("ServicelevelPerf", Percent(perf))
                        .Add("ServicelevelPerf2", Percent(perf2)).Add("Weight", 0), actionId));
                    foreach (var m in state.Members.Where(m => string.IsNullOrEmpty(member) || string.Equals(m.Interface, member, StringComparison.OrdinalIgnoreCase)))
                    {
                        items.Add(Item(MemberFields(new SimEvent("QueueMember", AmiClasses.None).Add("Event", "QueueMember"), state, m, listItem: true), actionId));
                    }

                    for (var i = 0; i < state.Callers.Count; i++)
                    {
                        var c = state.Callers[i].Channel;
                        items.Add(Item(new SimEvent("QueueEntry", AmiClasses.None).Add("Event", "QueueEntry").Add("Queue", state.Name).Add("Position", i + 1)
                            .Add("Channel", c.Name).Add("Uniqueid", c.Uniqueid).Add("CallerIDNum", SimulatedChannel.Known(c.CallerIDNum))
                            .Add("CallerIDName", SimulatedChannel.Known(SimulatedChannel.Escape(c.CallerIDName))).Add("ConnectedLineNum", SimulatedChannel.Known(c.ConnectedLineNum))
                            .Add("ConnectedLineName", SimulatedChannel.Known(SimulatedChannel.Escape(c.ConnectedLineName)))
                            .Add("Wait", Seconds(now - state.Callers[i].Joined)).Add("Priority", 0), actionId));
                    }
                }

                send(items);
            }
        }

        /// <summary>The items of <c>QueueSummary</c>: app_queue counts logged-in (not unavailable or invalid) and available (free, not paused) members.</summary>
        internal List<IReadOnlyList<AmiField>> Summary(string? queue, string? actionId)
        {
            lock (_gate)
            {
                var now = DateTimeOffset.UtcNow;
                return Selected(queue).Select(state => Item(new SimEvent("QueueSummary", AmiClasses.None).Add("Event", "QueueSummary").Add("Queue", state.Name)
                    .Add("LoggedIn", state.Members.Count(m => m.Status is not (4 or 5)))
                    .Add("Available", state.Members.Count(m => !m.Paused && m.Status is 0 or 1))
                    .Add("Callers", state.Callers.Count).Add("HoldTime", state.HoldTime).Add("TalkTime", state.TalkTime)
                    .Add("LongestHoldTime", state.Callers.Count == 0 ? 0 : Seconds(now - state.Callers[0].Joined)), actionId)).ToList();
            }
        }

        private IEnumerable<SimulatedQueueState> Selected(string? queue) =>
            _order.Select(n => _queues[n]).Where(q => string.IsNullOrEmpty(queue) || string.Equals(q.Name, queue, StringComparison.OrdinalIgnoreCase));

        private static IReadOnlyList<AmiField> Item(SimEvent item, string? actionId)
        {
            if (actionId is not null)
            {
                item.Add("ActionID", actionId); // QueueStatus and QueueSummary items carry their ActionID last
            }

            return item.Body;
        }

        private static SimEvent MemberEvent(string name, SimulatedQueueState state, SimulatedMember member) =>
            MemberFields(new SimEvent(name, AmiClasses.Agent), state, member, listItem: false);

        // app_queue's member block; the QueueStatus item names two fields differently and has no Ringinuse.
        private static SimEvent MemberFields(SimEvent e, SimulatedQueueState state, SimulatedMember m, bool listItem)
        {
            e.Add("Queue", state.Name)
                .Add(listItem ? "Name" : "MemberName", m.Name)
                .Add(listItem ? "Location" : "Interface", m.Interface)
                .Add("StateInterface", m.StateInterface)
                .Add("Membership", m.Dynamic ? "dynamic" : "static")
                .Add("Penalty", m.Penalty)
                .Add("CallsTaken", m.CallsTaken)
                .Add("LastCall", m.LastCall.ToString(CultureInfo.InvariantCulture))
                .Add("LastPause", m.LastPause.ToString(CultureInfo.InvariantCulture))
                .Add("LoginTime", m.LoginTime.ToString(CultureInfo.InvariantCulture))
                .Add("InCall", m.InCall ? 1 : 0)
                .Add("Status", m.Status)
                .Add("Paused", m.Paused ? 1 : 0)
                .Add("PausedReason", m.PausedReason);
            if (!listItem)
            {
                e.Add("Ringinuse", 1);
            }

            return e.Add("Wrapuptime", 0);
        }

        private static SimEvent CallerEvent(string name, SimulatedQueueState state, SimulatedChannel caller) =>
            new SimEvent(name, AmiClasses.Agent).AddChannel(caller).Add("Queue", state.Name);

        private static SimEvent AgentEvent(string name, SimulatedQueueState state, SimulatedChannel caller, SimulatedChannel dest, SimulatedMember member) =>
            new SimEvent(name, AmiClasses.Agent).AddChannel(caller).AddChannel(dest, "Dest")
                .Add("Queue", state.Name).Add("Interface", member.Interface).Add("MemberName", member.Name);

        private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
