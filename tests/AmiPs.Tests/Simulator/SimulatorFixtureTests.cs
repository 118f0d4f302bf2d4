using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>
    /// The recorded scenarios replayed against the simulator: the client's bytes (<c>*.sent</c>) are sent as they are,
    /// and what comes back must have the recording's shape — the same messages and events in the same order with the
    /// same field names; ids, times and values aside.
    /// </summary>
    public sealed class SimulatorFixtureTests : SimulatorTestBase
    {
        [Fact]
        public async Task Answered_call_matches_basic_call_message_for_message()
        {
            var expected = Fixtures.Messages("basic-call.ami");
            var actual = await ReplayAsync(Simulator, "basic-call.sent", expected.Count);

            Assert.Equal(expected.Select(Shape).ToList(), actual.Select(Shape).ToList());
            var originate = actual.Single(m => m.Name == "OriginateResponse");
            Assert.Equal("Success", originate["Response"]);
            Assert.Equal("4", originate["Reason"]);
            Assert.Equal("Alice", originate["CallerIDName"]);
            Assert.Equal(new[] { "1", "0" }, actual.Where(m => m.Name == "ExtensionStatus").Select(m => m["Status"]));
            Assert.Equal(new[] { "ANSWER", "ANSWER" }, actual.Where(m => m.Name == "DialEnd").Select(m => m["DialStatus"]));
            Assert.All(actual.Where(m => m.Name == "Hangup"), h => Assert.Equal("16", h["Cause"]));
        }

        [Fact]
        public async Task Busy_and_unanswered_calls_match_busy_and_noanswer_call_by_call()
        {
            var expected = Fixtures.Messages("busy-and-noanswer.ami");
            var actual = await ReplayAsync(Simulator, "busy-and-noanswer.sent", expected.Count);

            AssertSameCalls(expected, actual);
            var dialEnds = actual.Where(m => m.Name == "DialEnd").Select(m => m["DialStatus"]).Distinct().OrderBy(s => s);
            Assert.Equal(new[] { "BUSY", "NOANSWER" }, dialEnds);
            Assert.Equal(
                expected.Where(m => m.Name == "ExtensionStatus").Select(m => m["Exten"] + "=" + m["Status"]),
                actual.Where(m => m.Name == "ExtensionStatus").Select(m => m["Exten"] + "=" + m["Status"]));
            Assert.Equal(
                expected.Where(m => m.Name == "Hangup").Select(m => m["Cause"]).OrderBy(c => c),
                actual.Where(m => m.Name == "Hangup").Select(m => m["Cause"]).OrderBy(c => c));
        }

        [Fact]
        public async Task Timestamped_calls_match_timestamped_calls_and_carry_Timestamp_after_Privilege()
        {
            await using var simulator = await AmiSimulator.StartAsync(FastOptions() with { TimestampEvents = true });
            var expected = Fixtures.Messages("timestamped-calls.ami");
            var actual = await ReplayAsync(simulator, "timestamped-calls.sent", expected.Count);

            // This recording orders a few events of the same call differently from basic-call (Asterisk raises them from
            // different threads), so here each call's events are compared as a set of shapes; the order is checked above.
            AssertSameCalls(expected, actual, ordered: false);
            Assert.All(actual.Where(m => m.Kind == AmiMessageKind.Event && m.Name != "FullyBooted" && m.ActionId is null || m.Name == "OriginateResponse"), e =>
            {
                Assert.Equal("Timestamp", e[2].Key);
                Assert.Matches(@"^\d{10}\.\d{6}$", e[2].Value);
            });
            Assert.DoesNotContain(actual.Single(m => m.Name == "FullyBooted"), f => f.Key == "Timestamp");
        }

        [Fact]
        public async Task Command_and_list_responses_match_command_and_lists()
        {
            // The recorded callee talked with Wait(2): the same talk time makes the listed values comparable.
            await using var simulator = await AmiSimulator.StartAsync(FastOptions() with { TalkTime = TimeSpan.FromSeconds(2) });
            var sent = Fixtures.SentMessages("command-and-lists.sent");
            var expected = Fixtures.Messages("command-and-lists.ami");
            await using var client = await RawAmiClient.ConnectAsync(simulator.Port);
            await client.BannerAsync();
            var originate = sent.FindIndex(m => m["Action"] == "Originate");
            foreach (var action in sent.Take(originate + 1))
            {
                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            // The recording listed the call's four channels while it talked.
            await Eventually.WaitUntilAsync(() => simulator.Pbx.ActiveChannels.Count(c => c.State == 6) == 4, TimeSpan.FromSeconds(5), "the call is up");
            foreach (var action in sent.Skip(originate + 1))
            {
                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            var actual = new List<AmiMessage>();
            while (actual.LastOrDefault()?.Name != "Goodbye")
            {
                actual.Add(await client.ReadAsync());
            }

            Assert.Equal(Collapse(expected), Collapse(actual));
            Assert.Equal(expected.Where(m => m.Name == "CoreShowChannel").Select(Shape).Distinct(), actual.Where(m => m.Name == "CoreShowChannel").Select(Shape).Distinct());
            Assert.Equal("4", actual.Single(m => m.Name == "CoreShowChannelsComplete")["ListItems"]);
            var status = actual.Single(m => m.Name == "StatusComplete");
            Assert.Equal("4", status["ListItems"]);
            Assert.Equal("4", status["Items"]);
            Assert.All(actual.Where(m => m.Name == "Status"), s => Assert.Equal("6", s[s.Count - 1].Value));
            Assert.Equal(expected.Single(m => m.ActionId == "8")["Message"], actual.Single(m => m.ActionId == "8")["Message"]);
            foreach (var item in new[] { "CoreShowChannel", "Status", "ExtensionStatus" })
            {
                Assert.Equal(ListValues(expected, item), ListValues(actual, item).Take(ListValues(expected, item).Count));
            }
        }

        /// <summary>A list's items as text, ids and times masked, Local channel numbers dropped, sorted (Asterisk lists in hash order).</summary>
        private static List<string> ListValues(List<AmiMessage> messages, string item)
        {
            var masked = new[] { "Uniqueid", "Linkedid", "BridgeId", "BridgeID", "Duration", "Seconds" };
            return messages.Where(m => m.Name == item && m.ActionId is not null)
                .Select(m => string.Join(" | ", m.Select(f => f.Key + "=" + (masked.Contains(f.Key) ? (f.Value.Length == 0 ? "" : "*") : Regex.Replace(f.Value, "-[0-9a-f]{8};", "-#;")))))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Sends a recorded client's actions and reads as many messages as the recording has.</summary>
        private static async Task<List<AmiMessage>> ReplayAsync(AmiSimulator simulator, string sentFixture, int count)
        {
            await using var client = await RawAmiClient.ConnectAsync(simulator.Port);
            Assert.Equal("Asterisk Call Manager/13.0.0", await client.BannerAsync());
            foreach (var action in Fixtures.SentMessages(sentFixture))
            {
                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            var messages = new List<AmiMessage>();
            while (messages.Count < count)
            {
                messages.Add(await client.ReadAsync());
            }

            await Eventually.WaitUntilAsync(() => simulator.Pbx.ActiveCalls == 0, TimeSpan.FromSeconds(5), "the calls ended");
            await client.SendAsync("Ping", ("ActionID", "last"));
            var (_, extra) = await client.ReadUntilAsync(m => m.ActionId == "last");
            Assert.Empty(extra); // nothing beyond what the recording has
            return messages;
        }

        /// <summary>Calls interleave differently from run to run: compare each call's own events (by Linkedid), in order.</summary>
        private static void AssertSameCalls(List<AmiMessage> expected, List<AmiMessage> actual, bool ordered = true)
        {
            var want = ByCall(expected);
            var got = ByCall(actual);
            if (!ordered)
            {
                foreach (var list in want.Values.Concat(got.Values))
                {
                    list.Sort(StringComparer.Ordinal);
                }
            }

            Assert.Equal(want.Keys.OrderBy(k => k), got.Keys.OrderBy(k => k));
            foreach (var key in want.Keys)
            {
                var at = Enumerable.Range(0, Math.Min(want[key].Count, got[key].Count)).FirstOrDefault(i => want[key][i] != got[key][i], -1);
                Assert.True(want[key].SequenceEqual(got[key]), $"{key} differs at {at} (of {want[key].Count} expected, {got[key].Count} actual):\nexpected {(at >= 0 ? want[key][at] : "-")}\nactual   {(at >= 0 ? got[key][at] : "-")}");
            }
        }

        private static Dictionary<string, List<string>> ByCall(List<AmiMessage> messages)
        {
            var groups = CallGrouping.ByCall(messages).ToDictionary(g => g.Key, g => g.Value.Select(Shape).ToList());

            // Asterisk raises OriginateResponse and the originated leg's DialEnd from different threads; the recordings
            // show both orders, so compare them in one.
            foreach (var list in groups.Values)
            {
                for (var i = 1; i < list.Count; i++)
                {
                    if (list[i].StartsWith("Event OriginateResponse", StringComparison.Ordinal) && list[i - 1].StartsWith("Event DialEnd", StringComparison.Ordinal))
                    {
                        (list[i - 1], list[i]) = (list[i], list[i - 1]);
                    }
                }
            }

            return groups;
        }

        /// <summary>Shapes with repeats folded (list items, Output lines), for outputs whose length depends on the PBX.</summary>
        private static List<string> Collapse(List<AmiMessage> messages)
        {
            var shapes = new List<string>();
            foreach (var m in messages)
            {
                var keys = new List<string>();
                foreach (var f in m.Skip(1))
                {
                    if (keys.Count == 0 || keys[keys.Count - 1] != f.Key)
                    {
                        keys.Add(f.Key);
                    }
                }

                var shape = (m.Kind == AmiMessageKind.Event ? "Event " : m.Kind + " ") + m.Name + ": " + string.Join(",", keys);
                if (shapes.Count == 0 || shapes[shapes.Count - 1] != shape)
                {
                    shapes.Add(shape);
                }
            }

            return shapes;
        }
    }
}
