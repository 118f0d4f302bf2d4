using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.Events;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Tracking
{
    /// <summary>The real queue transcripts replayed through the parser and the factory into the queue tracker.</summary>
    public sealed class QueueTrackerTests
    {
        [Fact]
        public void QueueStatus_of_queue_lists_loads_support_with_Alice_and_sales_with_Bob()
        {
            var tracker = Loaded("queue-lists.ami", "2");

            var queues = tracker.GetQueues();
            Assert.Equal(new[] { "sales", "support" }, queues.Select(q => q.Name));
            var support = tracker.GetQueue("support")!;
            Assert.Equal("ringall", support.Strategy);
            Assert.Empty(support.Callers);
            Assert.Equal(TimeSpan.Zero, support.GetLongestWait());
            Assert.Equal(0, support.Completed);
            Assert.Equal(1, support.AvailableMembers);
            var alice = Assert.Single(support.Members);
            Assert.Equal(("support", "Alice", "Local/1001@office", "Custom:1001"), (alice.Queue, alice.Name, alice.Interface, alice.StateInterface));
            Assert.Equal(AmiDeviceState.NotInUse, alice.Status);
            Assert.Equal("Not in use", alice.StatusText);
            Assert.Equal(AmiQueueMembership.Static, alice.Membership);
            Assert.False(alice.IsPaused);
            Assert.Null(alice.PausedReason);
            Assert.Null(alice.LastCall);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796148992), alice.LoginTime);
            Assert.Equal("Bob", tracker.GetQueue("sales")!.Members.Single().Name);
            Assert.Equal("Local/1002@office", tracker.GetMember("SALES", "local/1002@office")!.Interface);
        }

        [Fact]
        public void The_queue_call_events_show_Alice_answering_a_support_caller_and_pausing_for_lunch()
        {
            var tracker = Loaded("queue-lists.ami", "2");
            var live = EventTestData.FixtureEvents("queue-call.ami").Where(e => e.ActionId is null).ToList();
            var seen = new List<string>();

            foreach (var e in live)
            {
                tracker.Apply(e);
                var support = tracker.GetQueue("support")!;
                var alice = support.Members.Single();
                switch (e)
                {
                    case QueueCallerJoinEvent:
                        var caller = Assert.Single(support.Callers);
                        Assert.Equal((1, "5550201", "Quinn", "Local/3000@office-00000000;2"), (caller.Position, caller.CallerIDNum, caller.CallerIDName, caller.Channel));
                        seen.Add("join");
                        break;
                    case AgentCalledEvent:
                        Assert.Equal("Alice", support.Callers.Single().RingingMember);
                        seen.Add("called");
                        break;
                    case QueueMemberStatusEvent when alice.Status == AmiDeviceState.InUse:
                        seen.Add("in use");
                        break;
                    case QueueCallerLeaveEvent:
                        Assert.Empty(support.Callers);
                        seen.Add("leave");
                        break;
                    case AgentCompleteEvent:
                        Assert.Equal(1, support.Completed);
                        Assert.Equal(TimeSpan.FromSeconds(2), support.GetTalkTime());
                        Assert.Equal(100.0, support.ServiceLevelPerformance);
                        Assert.Equal(1, alice.CallsTaken);
                        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796149081), alice.LastCall);
                        Assert.False(alice.InCall);
                        seen.Add("complete");
                        break;
                    case QueueMemberPauseEvent when alice.IsPaused:
                        Assert.Equal("lunch", alice.PausedReason);
                        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796149089), alice.PausedSince);
                        Assert.Equal(0, support.AvailableMembers);
                        seen.Add("paused");
                        break;
                    case QueueMemberPauseEvent:
                        Assert.Null(alice.PausedReason);
                        Assert.Equal(1, support.AvailableMembers);
                        seen.Add("unpaused");
                        break;
                }
            }

            Assert.Equal(new[] { "join", "called", "in use", "leave", "complete", "paused", "unpaused" }, seen);
        }

        [Fact]
        public void The_list_in_queue_call_agrees_with_what_the_events_built()
        {
            var fromEvents = Loaded("queue-lists.ami", "2");
            foreach (var e in EventTestData.FixtureEvents("queue-call.ami").Where(e => e.ActionId is null).TakeWhile(e => e is not QueueMemberPauseEvent { Paused: false }))
            {
                fromEvents.Apply(e);
            }

            var fromList = Loaded("queue-call.ami", "4");
            var a = fromEvents.GetQueue("support")!;
            var b = fromList.GetQueue("support")!;
            Assert.Equal((b.Completed, b.Abandoned, b.TalkTime, b.HoldTime, b.ServiceLevelPerformance), (a.Completed, a.Abandoned, a.TalkTime, a.HoldTime, a.ServiceLevelPerformance));
            var (x, y) = (a.Members.Single(), b.Members.Single());
            Assert.Equal((y.IsPaused, y.PausedReason, y.PausedSince, y.CallsTaken, y.LastCall, y.Status), (x.IsPaused, x.PausedReason, x.PausedSince, x.CallsTaken, x.LastCall, x.Status));
            Assert.Equal("lunch", y.PausedReason);
        }

        [Fact]
        public void Callers_keep_their_order_positions_close_up_and_an_abandon_counts()
        {
            var tracker = Loaded("queue-lists.ami", "2");
            tracker.Apply(Join("sales", "1", "PJSIP/trunk-01", "11.1", "5550001"));
            tracker.Apply(Join("sales", "2", "PJSIP/trunk-02", "11.2", "5550002"));
            tracker.Apply(Join("sales", "3", "PJSIP/trunk-03", "11.3", "5550003"));
            tracker.Apply(EventTestData.Event("Event: QueueCallerAbandon", "Privilege: agent,all", "Channel: PJSIP/trunk-01", "Uniqueid: 11.1", "Queue: sales", "Position: 1", "OriginalPosition: 1", "HoldTime: 30"));
            tracker.Apply(EventTestData.Event("Event: QueueCallerLeave", "Privilege: agent,all", "Channel: PJSIP/trunk-01", "Uniqueid: 11.1", "Queue: sales", "Position: 1", "Count: 2"));

            var sales = tracker.GetQueue("sales")!;
            Assert.Equal(1, sales.Abandoned);
            Assert.Equal(new[] { (1, "5550002"), (2, "5550003") }, sales.Callers.Select(c => (c.Position, c.CallerIDNum!)));
            Assert.Contains("2 callers", sales.ToString());
        }

        [Fact]
        public void Members_added_removed_and_with_a_new_penalty_follow_the_events()
        {
            var tracker = Loaded("queue-lists.ami", "2");
            tracker.Apply(Member("QueueMemberAdded", "sales", "PJSIP/1003", "Carol", "dynamic", penalty: "0"));
            tracker.Apply(Member("QueueMemberPenalty", "sales", "PJSIP/1003", "Carol", "dynamic", penalty: "5"));
            var carol = tracker.GetMember("sales", "PJSIP/1003")!;
            Assert.Equal((AmiQueueMembership.Dynamic, 5), (carol.Membership, carol.Penalty));
            Assert.Equal(2, tracker.GetQueue("sales")!.Members.Count);

            tracker.Apply(Member("QueueMemberRemoved", "sales", "PJSIP/1003", "Carol", "dynamic", penalty: "5"));
            Assert.Null(tracker.GetMember("sales", "PJSIP/1003"));
            Assert.Equal("Bob", tracker.GetQueue("sales")!.Members.Single().Name);
        }

        [Fact]
        public void Events_handled_during_a_load_win_over_the_older_list()
        {
            var tracker = new AmiQueueTracker("test");
            var items = ListItems("queue-lists.ami", "2");
            tracker.BeginLoad();
            var older = Member("QueueMemberPause", "support", "Local/1001@office", "Alice", "static", paused: "1", reason: "coffee", received: EventTestData.Received.AddSeconds(-1));
            var newer = Member("QueueMemberPause", "support", "Local/1001@office", "Alice", "static", paused: "1", reason: "lunch", received: EventTestData.Received.AddSeconds(1));
            tracker.Apply(older);
            tracker.Apply(newer);
            tracker.Load(items, EventTestData.Received);

            Assert.Equal("lunch", tracker.GetMember("support", "Local/1001@office")!.PausedReason);
            Assert.False(tracker.GetMember("sales", "Local/1002@office")!.IsPaused);
        }

        [Fact]
        public void A_pbx_without_app_queue_is_an_error_naming_it_not_an_empty_list()
        {
            var tracker = new AmiQueueTracker("pbx1");
            tracker.SetMissing();
            var error = Assert.Throws<AmiFeatureMissingException>(() => tracker.GetQueues());
            Assert.Equal("app_queue", error.Feature);
            Assert.Contains("app_queue", error.Message);
            Assert.Equal(AmiQueueSupport.Missing, tracker.Support);
        }

        [Fact]
        public void Reading_an_unchanged_queue_returns_the_same_snapshot_and_a_change_makes_a_new_one()
        {
            var tracker = Loaded("queue-lists.ami", "2");
            var first = tracker.GetQueue("support");
            Assert.Same(first, tracker.GetQueue("support"));
            tracker.Apply(Member("QueueMemberStatus", "support", "Local/1001@office", "Alice", "static", status: "2"));
            var second = tracker.GetQueue("support")!;
            Assert.NotSame(first, second);
            Assert.Equal(AmiDeviceState.InUse, second.Members.Single().Status);
            Assert.Equal(AmiDeviceState.NotInUse, first!.Members.Single().Status);
        }

        [Fact]
        public void Events_of_other_kinds_change_nothing()
        {
            var tracker = Loaded("queue-lists.ami", "2");
            var before = tracker.GetQueue("support");
            foreach (var e in EventTestData.FixtureEvents("basic-call.ami"))
            {
                tracker.Apply(e);
            }

            Assert.Same(before, tracker.GetQueue("support"));
        }

        internal static AmiQueueTracker Loaded(string fixture, string actionId)
        {
            var tracker = new AmiQueueTracker("test");
            tracker.Load(ListItems(fixture, actionId), EventTestData.Received);
            return tracker;
        }

        private static List<AmiEvent> ListItems(string fixture, string actionId) =>
            EventTestData.FixtureEvents(fixture).Where(e => e.ActionId == actionId && e["EventList"] is null).ToList();

        private static AmiEvent Join(string queue, string position, string channel, string uniqueid, string number) =>
            EventTestData.Event("Event: QueueCallerJoin", "Privilege: agent,all", "Channel: " + channel, "CallerIDNum: " + number, "CallerIDName: <unknown>",
                "Uniqueid: " + uniqueid, "Queue: " + queue, "Position: " + position, "Count: " + position);

        private static AmiEvent Member(string name, string queue, string iface, string member, string membership, string penalty = "0", string status = "1", string paused = "0", string reason = "", DateTimeOffset? received = null) =>
            AmiEventFactory.Create(
                EventTestData.Message(
                    "Event: " + name, "Privilege: agent,all", "Queue: " + queue, "MemberName: " + member, "Interface: " + iface, "StateInterface: " + iface,
                    "Membership: " + membership, "Penalty: " + penalty, "CallsTaken: 0", "LastCall: 0", "LastPause: 0", "LoginTime: 1796148992", "InCall: 0",
                    "Status: " + status, "Paused: " + paused, "PausedReason: " + reason, "Ringinuse: 1", "Wrapuptime: 0"),
                received ?? EventTestData.Received,
                "test");
    }
}
