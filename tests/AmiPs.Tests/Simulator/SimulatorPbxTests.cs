using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Simulator
{
    /// <summary>The simulated PBX: outcomes without a recording, Originate's options, Hangup, hints and escaping.</summary>
    public sealed class SimulatorPbxTests : SimulatorTestBase
    {

        [Fact]
        public async Task Caller_hang_up_cancels_the_dial_and_clears_every_channel()
        {
            var client = await LoginAsync("call");
            var linkedid = await Simulator.Pbx.PlaceCallAsync("5550001", "1003", SimulatedOutcome.CallerHangup, callerName: "Zed");

            var (_, events) = await client.ReadUntilAsync(m => m.Name == "Hangup" && m["Uniqueid"] == linkedid);
            var dialEnd = events.Single(m => m.Name == "DialEnd" && m["Channel"] is not null);
            Assert.Equal("CANCEL", dialEnd["DialStatus"]);
            Assert.Equal(new[] { "8", "0" }, events.Where(m => m.Name == "ExtensionStatus").Select(m => m["Status"]));
            Assert.Equal(3, events.Count(m => m.Name == "Hangup"));
            await Eventually.WaitUntilAsync(() => Simulator.Pbx.ActiveChannels.Count == 0, Deadline, "channels cleared");
        }

        [Fact]
        public async Task Hangup_action_ends_an_answered_call_early_and_unknown_channels_are_an_error()
        {
            var client = await LoginAsync("call");
            var linkedid = await Simulator.Pbx.PlaceCallAsync("5550001", "1001", SimulatedOutcome.Answered, TimeSpan.FromSeconds(30));
            await client.ReadEventAsync("BridgeEnter");
            var channel = Simulator.Pbx.ActiveChannels.First(c => c.Uniqueid == linkedid).Name;

            await client.SendAsync("Hangup", ("Channel", channel), ("ActionID", "h"));
            var (last, events) = await client.ReadUntilAsync(m => m.Name == "Hangup" && m["Uniqueid"] == linkedid, TimeSpan.FromSeconds(2));
            Assert.Equal("16", last["Cause"]);
            Assert.Contains(events, m => m.Name == "BridgeDestroy");
            var reply = events.SingleOrDefault(m => m.ActionId == "h") ?? (await client.ReadUntilAsync(m => m.ActionId == "h")).Match; // either order, as in Asterisk
            Assert.Equal("Channel Hungup", reply["Message"]);

            await client.SendAsync("Hangup", ("Channel", "Local/none@office-00000000;1"), ("ActionID", "x"));
            var (missing, _) = await client.ReadUntilAsync(m => m.ActionId == "x");
            Assert.Equal("No such channel", missing["Message"]);
        }

        [Fact]
        public async Task Synchronous_originate_answers_after_the_outcome()
        {
            var client = await LoginAsync("call");
            await client.SendAsync("Originate", ("Channel", "Local/1001@office"), ("Application", "Wait"), ("Data", "1"), ("ActionID", "ok"));
            var (answered, before) = await client.ReadUntilAsync(m => m.ActionId == "ok");
            Assert.Equal("Originate successfully queued", answered["Message"]);
            Assert.Contains(before, m => m.Name == "DialEnd" && m["DialStatus"] == "ANSWER"); // the reply waited for the answer
            Assert.DoesNotContain(before, m => m.Name == "OriginateResponse"); // a synchronous Originate has none

            await client.SendAsync("Originate", ("Channel", "Local/2002@office"), ("Application", "Wait"), ("Data", "1"), ("ActionID", "busy"));
            var (busy, ringing) = await client.ReadUntilAsync(m => m.ActionId == "busy");
            Assert.Equal("Error", busy.Name);
            Assert.Equal("Originate failed", busy["Message"]);
            Assert.Contains(ringing, m => m.Name == "DialEnd" && m["DialStatus"] == "BUSY");
        }

        [Fact]
        public async Task Originate_honours_ChannelId_CallerID_outcome_variable_and_exten_target()
        {
            var client = await LoginAsync("call");
            await client.SendAsync("Originate",
                ("Channel", "PJSIP/1001"), ("Context", "office"), ("Exten", "1001"), ("Priority", "1"),
                ("CallerID", "\"O'Brien\" <5550099>"), ("ChannelId", "my-call-1"), ("OtherChannelId", "my-call-2"),
                ("Variable", "SIMULATOR_OUTCOME=Busy"), ("Async", "true"), ("ActionID", "o"));

            var (response, events) = await client.ReadUntilAsync(m => m.Name == "OriginateResponse");
            var first = events.First(m => m.Name == "Newchannel");
            Assert.Equal("my-call-1", first["Uniqueid"]);
            Assert.Equal("my-call-1", first["Linkedid"]);
            Assert.Contains(events, m => m["Uniqueid"] == "my-call-2");
            Assert.Equal("O\\'Brien", events.First(m => m.Name == "NewCallerid")["CallerIDName"]); // C-escaped in channel blocks
            Assert.Equal("O'Brien", response["CallerIDName"]); // not in OriginateResponse
            Assert.Equal("Failure", response["Response"]);
            Assert.Equal("PJSIP/1001", response["Channel"]);
            Assert.Equal("office", response["Context"]);
            Assert.Equal("1001", response["Exten"]);
            Assert.Contains(events, m => m.Name == "DialEnd" && m["DialStatus"] == "BUSY");
        }

        [Fact]
        public async Task SetExtensionState_sends_ExtensionStatus_only_on_change_and_lists_show_it()
        {
            var client = await LoginAsync("call");
            Simulator.Pbx.SetExtensionState("1003", 16);
            Simulator.Pbx.SetExtensionState("1003", 16);
            Simulator.Pbx.SetExtensionState("1003", 0);

            var first = await client.ReadAsync();
            var second = await client.ReadAsync();
            Assert.Equal(("1003", "16", "Hold"), (first["Exten"], first["Status"], first["StatusText"]));
            Assert.Equal(("1003", "0", "Idle"), (second["Exten"], second["Status"], second["StatusText"]));
            Assert.Throws<ArgumentException>(() => Simulator.Pbx.SetExtensionState("4711", 1));

            Simulator.Pbx.SetExtensionState("1004", 4);
            await client.SendAsync("ExtensionStateList", ("ActionID", "l"));
            var (complete, items) = await client.ReadUntilAsync(m => m.Name == "ExtensionStateListComplete");
            var listed = items.Where(m => m.Name == "ExtensionStatus" && m.ActionId == "l").ToList();
            Assert.Equal(new[] { "1001", "1002", "1003", "1004" }, listed.Select(m => m["Exten"]));
            Assert.Equal("Unavailable", listed.Last()["StatusText"]);
            Assert.Equal("4", complete["ListItems"]);
            Assert.Equal(4, Simulator.Pbx.Extensions.Count);
        }

        [Fact]
        public async Task Status_of_one_channel_and_of_a_missing_one()
        {
            var client = await LoginAsync("off");
            var linkedid = await Simulator.Pbx.PlaceCallAsync("5550001", "1001", SimulatedOutcome.Answered, TimeSpan.FromSeconds(30));
            await Eventually.WaitUntilAsync(() => Simulator.Pbx.ActiveChannels.Count == 4, Deadline, "four channels");
            var name = Simulator.Pbx.ActiveChannels.First(c => c.Uniqueid == linkedid).Name;

            await client.SendAsync("Status", ("Channel", name), ("ActionID", "s"));
            var (complete, items) = await client.ReadUntilAsync(m => m.Name == "StatusComplete");
            Assert.Equal("1", complete["Items"]);
            Assert.Equal(name, items.Single(m => m.Name == "Status")["Channel"]);

            await client.SendAsync("Status", ("Channel", "Local/nobody"), ("ActionID", "n"));
            Assert.Equal("No such channel", (await client.ReadAsync())["Message"]);
        }
    }

    public sealed class SimulatorWithoutHintsTests : SimulatorTestBase
    {
        protected override AmiSimulatorOptions Configure(AmiSimulatorOptions options) => options with { Extensions = Array.Empty<SimulatedExtension>() };

        [Fact]
        public async Task ExtensionStateList_without_hints_is_an_error_as_in_Asterisk()
        {
            var client = await LoginAsync("off");
            await client.SendAsync("ExtensionStateList", ("ActionID", "l"));
            var reply = await client.ReadAsync();
            Assert.Equal("Error", reply.Name);
            Assert.Equal("No dialplan hints are available", reply["Message"]);
        }
    }
}
