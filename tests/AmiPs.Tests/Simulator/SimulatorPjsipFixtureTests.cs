using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>
    /// The PJSIP, chan_sip and server-information transcripts replayed against the simulator: the client's bytes as
    /// recorded, and back the same messages in the same order with the same keys (values aside).
    /// </summary>
    public sealed class SimulatorPjsipFixtureTests : SimulatorTestBase
    {
        [Fact]
        public async Task Pjsip_lists_match_message_for_message_and_key_for_key()
        {
            var expected = Fixtures.Messages("pjsip-lists.ami");
            var actual = await ReplayAsync(Simulator, "pjsip-lists.sent", expected.Count, without: "PJSIPShowAors");

            Assert.Equal(Shapes(expected, without: "5"), Shapes(actual, without: "5"));
            Assert.Equal("pass1001", actual.Single(m => m.Name == "AuthDetail" && m["ObjectName"] == "1001-auth")["Password"]); // clear text, as Asterisk sends it
            Assert.Equal("Rejected", actual.Single(m => m.Name == "OutboundRegistrationDetail" && m["ObjectName"] == "deadtrunk")["Status"]);
            Assert.Equal("456", actual.Single(m => m.Name == "ContactList")["RoundtripUsec"]);
            Assert.Equal("Unreachable", actual.Single(m => m.Name == "ContactStatusDetail")["Status"]);
        }

        [Fact]
        public async Task Unregister_and_register_raise_the_events_of_pjsip_events_in_order()
        {
            var expected = Fixtures.Messages("pjsip-events.ami");
            var actual = await ReplayAsync(Simulator, "pjsip-events.sent", expected.Count);

            Assert.Equal(expected.Select(Shape).ToList(), actual.Select(Shape).ToList());
            Assert.Equal(
                expected.Where(m => m.Name is "Registry" or "ContactStatus" or "PeerStatus").Select(m => m["Status"] ?? m["ContactStatus"] ?? m["PeerStatus"]),
                actual.Where(m => m.Name is "Registry" or "ContactStatus" or "PeerStatus").Select(m => m["Status"] ?? m["ContactStatus"] ?? m["PeerStatus"]));
        }

        [Fact]
        public async Task A_chan_sip_server_answers_as_ast20_sip_lists()
        {
            await using var simulator = await AmiSimulator.StartAsync(FastOptions() with { SipStack = AmiSimulatorSipStack.ChanSip, AmiVersion = "9.0.0" });
            var expected = Fixtures.Messages("ast20-sip-lists.ami");
            var actual = await ReplayAsync(simulator, "ast20-sip-lists.sent", expected.Count, banner: "Asterisk Call Manager/9.0.0");

            // ListCommands (ActionID 7) lists what each server has: its keys are compared by what they say, below.
            Assert.Equal(Shapes(expected, without: "7"), Shapes(actual, without: "7"));
            var commands = actual.Single(m => m.ActionId == "7");
            Assert.Contains(commands, f => f.Key == "SIPpeers");
            Assert.DoesNotContain(commands, f => f.Key.StartsWith("PJSIP", StringComparison.Ordinal));
            Assert.Equal(new[] { "UNKNOWN", "UNREACHABLE", "OK (1 ms)" }, actual.Where(m => m.Name == "PeerEntry").Select(m => m["Status"]));
            Assert.Equal("Request Sent", actual.Single(m => m.Name == "RegistryEntry")["State"]);
            Assert.Equal("20.20.1", actual.Single(m => m.ActionId == "5")["AsteriskVersion"]);
        }

        [Fact]
        public async Task Core_status_and_settings_match_queue_lists()
        {
            var expected = Fixtures.Messages("queue-lists.ami").Where(m => m["CoreStartupDate"] is not null || m["AMIversion"] is not null).ToList();
            await using var client = await LoginAsync("off");
            await client.SendAsync("CoreStatus", ("ActionID", "6"));
            var status = await client.ReadAsync();
            await client.SendAsync("CoreSettings", ("ActionID", "7"));
            var settings = await client.ReadAsync();

            Assert.Equal(expected.Select(Shape), new[] { status, settings }.Select(Shape));
            Assert.Matches(@"^\d{4}-\d\d-\d\d$", status["CoreStartupDate"]);
            Assert.Equal("13.0.0", settings["AMIversion"]);
        }

        [Fact]
        public async Task A_server_without_sip_knows_no_sip_action()
        {
            await using var simulator = await AmiSimulator.StartAsync(FastOptions() with { SipStack = AmiSimulatorSipStack.None });
            await using var client = await RawAmiClient.ConnectAsync(simulator.Port);
            await client.BannerAsync();
            await client.LoginAsync("admin", AdminSecret, "off");
            await client.SendAsync("PJSIPShowEndpoints", ("ActionID", "a"));
            Assert.StartsWith("Invalid/unknown command", (await client.ReadAsync())["Message"]);
            await client.SendAsync("ListCommands", ("ActionID", "b"));
            var commands = await client.ReadAsync();
            Assert.Contains(commands, f => f.Key == "CoreStatus");
            Assert.DoesNotContain(commands, f => f.Key.StartsWith("PJSIP", StringComparison.Ordinal) || f.Key.StartsWith("SIP", StringComparison.Ordinal));
        }

        private static List<string> Shapes(IEnumerable<AmiMessage> messages, string without) =>
            messages.Where(m => m.ActionId != without).Select(Shape).ToList();

        /// <summary>Sends a recording's actions (all but <paramref name="without"/>) and reads as many messages as the recording has, less that action's.</summary>
        private static async Task<List<AmiMessage>> ReplayAsync(AmiSimulator simulator, string sentFixture, int count, string? without = null, string banner = "Asterisk Call Manager/13.0.0")
        {
            await using var client = await RawAmiClient.ConnectAsync(simulator.Port);
            Assert.Equal(banner, await client.BannerAsync());
            var skipped = 0;
            var recorded = Fixtures.Messages(sentFixture.Replace(".sent", ".ami"));
            foreach (var action in Fixtures.SentMessages(sentFixture))
            {
                if (action["Action"] == without)
                {
                    skipped = recorded.Count(m => m.ActionId == action.ActionId);
                    continue;
                }

                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            var messages = new List<AmiMessage>();
            while (messages.Count < count - skipped)
            {
                messages.Add(await client.ReadAsync());
            }

            await client.WaitClosedAsync();
            return messages;
        }
    }
}
