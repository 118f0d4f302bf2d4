using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>
    /// Beyond the shape: the answered call's values match the recording too (channel names, states, caller ids, dialplan
    /// steps, statuses, causes), once ids, times and durations are masked.
    /// </summary>
    public sealed class SimulatorFixtureValueTests : SimulatorTestBase
    {
        private static readonly HashSet<string> Masked = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Uniqueid", "Linkedid", "DestUniqueid", "DestLinkedid", "LocalOneUniqueid", "LocalOneLinkedid", "LocalTwoUniqueid", "LocalTwoLinkedid",
            "BridgeUniqueid", "Timestamp", "EventTV", "SessionTV", "SessionID", "LocalAddress", "RemoteAddress", "Uptime", "LastReload",
        };

        [Fact]
        public async Task Answered_call_values_match_basic_call()
        {
            var expected = Fixtures.Messages("basic-call.ami");
            var actual = await ReplayAsync("basic-call.sent", expected.Count);
            AssertSameValues(Normalize(expected), Normalize(actual));
        }

        [Fact]
        public async Task Busy_and_unanswered_call_values_match_busy_and_noanswer_call_by_call()
        {
            var expected = CallGrouping.ByCall(Fixtures.Messages("busy-and-noanswer.ami"));
            var actual = CallGrouping.ByCall(await ReplayAsync("busy-and-noanswer.sent", Fixtures.Messages("busy-and-noanswer.ami").Count));
            Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
            foreach (var key in expected.Keys)
            {
                AssertSameValues(Normalize(expected[key]), Normalize(actual[key]), key);
            }
        }

        private async Task<List<AmiMessage>> ReplayAsync(string sent, int count)
        {
            await using var client = await RawAmiClient.ConnectAsync(Simulator.Port);
            await client.BannerAsync();
            foreach (var action in Fixtures.SentMessages(sent))
            {
                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            var actual = new List<AmiMessage>();
            while (actual.Count < count)
            {
                actual.Add(await client.ReadAsync());
            }

            return actual;
        }

        private static void AssertSameValues(List<string> want, List<string> got, string what = "transcript")
        {
            Assert.Equal(want.Count, got.Count);
            var diffs = Enumerable.Range(0, want.Count).Where(i => want[i] != got[i])
                .Select(i => $"message {i}:\nexpected {want[i]}\nactual   {got[i]}").ToList();
            Assert.True(diffs.Count == 0, $"{what}: {diffs.Count} messages differ:\n" + string.Join("\n", diffs.Take(12)));
        }

        /// <summary>Masks ids and times; numbers Local channel instances in order of appearance; masks talk and dial times.</summary>
        private static List<string> Normalize(List<AmiMessage> messages)
        {
            var locals = new Dictionary<string, string>();
            string Channel(string value) => Regex.Replace(value, @"-([0-9a-f]{8});", m =>
            {
                if (!locals.TryGetValue(m.Groups[1].Value, out var n))
                {
                    locals[m.Groups[1].Value] = n = "#" + locals.Count;
                }

                return "-" + n + ";";
            });

            var lines = new List<string>();
            string? variable = null;
            foreach (var m in messages)
            {
                var fields = new List<string>();
                foreach (var f in m)
                {
                    var value = Masked.Contains(f.Key) ? "*" : Channel(f.Value);
                    if (f.Key == "Variable")
                    {
                        variable = f.Value;
                    }

                    if (f.Key == "Value" && variable is "ANSWEREDTIME" or "ANSWEREDTIME_MS" or "DIALEDTIME" or "DIALEDTIME_MS" && value.Length > 0)
                    {
                        value = "<time>";
                    }

                    if (f.Key == "AppData" && m["Application"] == "Wait")
                    {
                        value = "<seconds>"; // the callee's talk time
                    }

                    fields.Add(f.Key + "=" + value);
                }

                lines.Add(string.Join(" | ", fields));
            }

            return lines;
        }
    }
}
