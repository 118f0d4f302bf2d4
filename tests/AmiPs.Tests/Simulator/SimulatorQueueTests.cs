using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>The simulator's app_queue against the recordings: the same messages, events and keys in the same order.</summary>
    public sealed class SimulatorQueueTests : SimulatorTestBase
    {
        private static readonly string[] QueueEvents =
        {
            "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentCalled", "AgentConnect", "AgentComplete", "AgentRingNoAnswer",
            "QueueMemberStatus", "QueueMemberPause", "QueueMemberAdded", "QueueMemberRemoved", "QueueMemberPenalty",
        };

        [Theory]
        [InlineData("2", "QueueStatus", null)]
        [InlineData("3", "QueueSummary", null)]
        [InlineData("4", "QueueStatus", "support")]
        public async Task The_queue_lists_match_queue_lists_message_for_message(string actionId, string action, string? queue)
        {
            var expected = Fixtures.Messages("queue-lists.ami").Where(m => m.ActionId == actionId).ToList();
            var client = await LoginAsync("off");

            await client.SendAsync(action, queue is null ? new[] { ("ActionID", actionId) } : new[] { ("Queue", queue), ("ActionID", actionId) });
            var actual = await ReadListAsync(client, actionId);

            Assert.Equal(expected.Select(Shape), actual.Select(Shape));
            Assert.Equal(expected.Select(m => m["Queue"] + "/" + (m["Name"] ?? m["Available"])), actual.Select(m => m["Queue"] + "/" + (m["Name"] ?? m["Available"])));
        }

        [Fact]
        public async Task A_support_caller_answered_by_Alice_then_a_lunch_pause_match_queue_call()
        {
            var expected = Fixtures.Messages("queue-call.ami").Where(m => QueueEvents.Contains(m.Name) && m.ActionId is null).ToList();
            var client = await LoginAsync();

            Simulator.Queues.JoinCaller("support", "5550201", "Quinn");
            var (complete, beforeComplete) = await client.ReadEventAsync("AgentComplete");
            await client.SendAsync("QueuePause", ("Queue", "support"), ("Interface", "Local/1001@office"), ("Paused", "true"), ("Reason", "lunch"), ("ActionID", "3"));
            var (paused, beforePause) = await client.ReadEventAsync("QueueMemberPause");
            await client.SendAsync("QueueStatus", ("ActionID", "4"));
            var list = await ReadListAsync(client, "4");
            await client.SendAsync("QueuePause", ("Queue", "support"), ("Interface", "Local/1001@office"), ("Paused", "false"), ("ActionID", "5"));
            var (unpaused, beforeUnpause) = await client.ReadEventAsync("QueueMemberPause");
            var actual = beforeComplete.Append(complete).Concat(beforePause).Append(paused).Concat(beforeUnpause).Append(unpaused)
                .Where(m => QueueEvents.Contains(m.Name) && m.ActionId is null).ToList();

            // Each event has the recording's keys in its order; the calls and pauses come in the recording's order.
            // (QueueMemberStatus follows the member's device: the recorded Local channels skipped some states a phone goes through.)
            foreach (var name in actual.Select(m => m.Name).Distinct())
            {
                Assert.Equal(Shape(expected.First(m => m.Name == name)), Shape(actual.First(m => m.Name == name)));
            }

            Assert.Equal(expected.Where(m => m.Name != "QueueMemberStatus").Select(m => m.Name), actual.Where(m => m.Name != "QueueMemberStatus").Select(m => m.Name));
            Assert.Equal(new[] { "1", "lunch" }, new[] { paused["Paused"], paused["PausedReason"] });
            Assert.Equal(new[] { "0", string.Empty }, new[] { unpaused["Paused"], unpaused["PausedReason"] });
            var alice = list.Single(m => m.Name == "QueueMember" && m["Name"] == "Alice");
            Assert.Equal(new[] { "1", "1", "lunch" }, new[] { alice["CallsTaken"], alice["Paused"], alice["PausedReason"] });
            Assert.Equal("1", list.Single(m => m.Name == "QueueParams" && m["Queue"] == "support")["Completed"]);
        }

        [Fact]
        public async Task Bob_is_busy_in_sales_and_a_caller_who_gives_up_abandons_then_leaves()
        {
            var client = await LoginAsync();

            var channel = Simulator.Queues.JoinCaller("sales", "5550301", "Rita");
            var (noAnswer, before) = await client.ReadEventAsync("AgentRingNoAnswer");
            Assert.Equal(new[] { "QueueCallerJoin", "AgentCalled" }, before.Where(m => m.Name.StartsWith("Queue") && m.Name != "QueueMemberStatus" || m.Name.StartsWith("Agent")).Select(m => m.Name));
            Assert.Equal(new[] { "sales", "Local/1002@office", "Bob" }, new[] { noAnswer["Queue"], noAnswer["Interface"], noAnswer["MemberName"] });
            Assert.Matches(@"^\d+$", noAnswer["RingTime"]);
            Assert.Equal(1, Simulator.Queues.WaitingCallers("sales"));

            Assert.True(Simulator.Queues.AbandonCaller("sales", channel));
            var (abandon, _) = await client.ReadEventAsync("QueueCallerAbandon");
            var (leave, _) = await client.ReadEventAsync("QueueCallerLeave");
            Assert.Equal(new[] { "1", "1" }, new[] { abandon["Position"], abandon["OriginalPosition"] });
            Assert.Equal("0", leave["Count"]);
            Assert.Equal(channel, abandon["Channel"]);
        }

        [Fact]
        public async Task QueueAdd_QueuePenalty_and_QueueRemove_answer_as_app_queue_with_their_events()
        {
            var client = await LoginAsync();

            var added = await ActAsync(client, "QueueAdd", ("Queue", "sales"), ("Interface", "PJSIP/1003"), ("MemberName", "Carol"), ("Penalty", "1"));
            var (addedEvent, _) = await client.ReadEventAsync("QueueMemberAdded");
            var again = await ActAsync(client, "QueueAdd", ("Queue", "sales"), ("Interface", "PJSIP/1003"));
            var penalty = await ActAsync(client, "QueuePenalty", ("Interface", "PJSIP/1003"), ("Penalty", "4"));
            var (penaltyEvent, _) = await client.ReadEventAsync("QueueMemberPenalty");
            var staticMember = await ActAsync(client, "QueueRemove", ("Queue", "sales"), ("Interface", "Local/1002@office"));
            var removed = await ActAsync(client, "QueueRemove", ("Queue", "sales"), ("Interface", "PJSIP/1003"));
            var (removedEvent, _) = await client.ReadEventAsync("QueueMemberRemoved");
            var noQueue = await ActAsync(client, "QueueAdd", ("Queue", "nosuch"), ("Interface", "PJSIP/1003"));
            var noInterface = await ActAsync(client, "QueuePause", ("Queue", "sales"), ("Paused", "true"));

            Assert.Equal(
                new[] { "Added interface to queue", "Unable to add interface: Already there", "Interface penalty set successfully", "Member not dynamic", "Removed interface from queue", "Unable to add interface to queue: No such queue", "'Interface' not specified." },
                new[] { added, again, penalty, staticMember, removed, noQueue, noInterface }.Select(m => m["Message"]));
            Assert.Equal(new[] { "dynamic", "Carol", "1" }, new[] { addedEvent["Membership"], addedEvent["MemberName"], addedEvent["Penalty"] });
            Assert.Equal("4", penaltyEvent["Penalty"]);
            Assert.Equal(Shape(Fixtures.Messages("queue-call.ami").First(m => m.Name == "QueueMemberPause")).Replace("QueueMemberPause", "QueueMemberRemoved"), Shape(removedEvent));
        }

        [Fact]
        public async Task A_filled_queue_has_every_caller_waiting_and_no_member_available()
        {
            var client = await LoginAsync("off");

            Simulator.Queues.FillQueue("support", 4);
            await client.SendAsync("QueueSummary", ("Queue", "support"), ("ActionID", "s"));
            var summary = (await ReadListAsync(client, "s")).Single(m => m.Name == "QueueSummary");

            Assert.Equal(new[] { "4", "0", "0" }, new[] { summary["Callers"], summary["Available"], summary["LoggedIn"] });
        }

        private static async Task<List<AmiMessage>> ReadListAsync(RawAmiClient client, string actionId)
        {
            var list = new List<AmiMessage>();
            while (true)
            {
                var (message, _) = await client.ReadUntilAsync(m => m.ActionId == actionId);
                list.Add(message);
                if (message["EventList"] == "Complete" || message["Response"] == "Error")
                {
                    return list;
                }
            }
        }

        private static async Task<AmiMessage> ActAsync(RawAmiClient client, string action, params (string Key, string Value)[] fields)
        {
            var id = action + fields.Length + System.Guid.NewGuid().ToString("N");
            await client.SendAsync(action, fields.Append(("ActionID", id)).ToArray());
            return (await client.ReadUntilAsync(m => m.Kind == AmiMessageKind.Response && m.ActionId == id)).Match;
        }
    }
}
