using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>Login, permissions and single actions, against the texts of the recorded Asterisk server.</summary>
    public sealed class SimulatorProtocolTests : SimulatorTestBase
    {
        [Fact]
        public async Task Plain_login_is_accepted_then_FullyBooted_and_SuccessfulAuth_follow()
        {
            var client = await ConnectAsync();
            await client.SendAsync("Login", ("Username", "admin"), ("Secret", AdminSecret), ("ActionID", "1"));

            var reply = await client.ReadAsync();
            var booted = await client.ReadAsync();
            var auth = await client.ReadAsync();

            Assert.Equal("Response Success: ActionID,Message", Shape(reply));
            Assert.Equal("Authentication accepted", reply["Message"]);
            Assert.Equal("1", reply.ActionId);
            Assert.Equal("Event FullyBooted: Privilege,Uptime,LastReload,Status", Shape(booted));
            Assert.Equal("system,all", booted["Privilege"]);
            Assert.Equal("Event SuccessfulAuth: Privilege,EventTV,Severity,Service,EventVersion,AccountID,SessionID,LocalAddress,RemoteAddress,UsingPassword,SessionTV", Shape(auth));
            Assert.Equal("admin", auth["AccountID"]);
        }

        [Fact]
        public async Task Md5_login_uses_the_lowercase_hex_digest_of_challenge_and_secret()
        {
            var client = await ConnectAsync();
            await client.SendAsync("Challenge", ("AuthType", "MD5"), ("ActionID", "c1"));
            var challenge = await client.ReadAsync();
            Assert.Equal("Response Success: ActionID,Challenge", Shape(challenge));
            Assert.True(ulong.TryParse(challenge["Challenge"], out _), "the challenge is decimal");

            var upper = Md5(challenge["Challenge"] + AdminSecret).ToUpperInvariant();
            await client.SendAsync("Login", ("AuthType", "MD5"), ("Username", "admin"), ("Key", Md5(challenge["Challenge"] + AdminSecret)), ("Events", "off"), ("ActionID", "c2"));
            var reply = await client.ReadAsync();
            Assert.Equal("Authentication accepted", reply["Message"]);

            await client.SendAsync("Logoff", ("ActionID", "c3"));
            var bye = await client.ReadAsync();
            Assert.Equal("Response Goodbye: ActionID,Message", Shape(bye));
            Assert.Equal("Thanks for all the fish.", bye["Message"]);
            await client.WaitClosedAsync();

            // The uppercase digest is refused, as by Asterisk.
            var second = await ConnectAsync();
            await second.SendAsync("Challenge", ("AuthType", "MD5"), ("ActionID", "c1"));
            var c2 = (await second.ReadAsync())["Challenge"];
            await second.SendAsync("Login", ("AuthType", "MD5"), ("Username", "admin"), ("Key", Md5(c2 + AdminSecret).ToUpperInvariant()), ("ActionID", "c2"));
            Assert.Equal("Authentication failed", (await second.ReadAsync())["Message"]);
            Assert.NotEqual(upper, Md5(c2 + AdminSecret));
        }

        [Fact]
        public async Task Wrong_secret_waits_answers_Authentication_failed_and_closes()
        {
            var client = await ConnectAsync();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await client.SendAsync("Login", ("Username", "admin"), ("Secret", "wrong"), ("ActionID", "1"));
            await client.SendAsync("Ping", ("ActionID", "2"));

            var all = await client.ReadToEndAsync();
            var reply = Assert.Single(all); // the Ping after it is never answered: the connection closes
            Assert.Equal("Response Error: ActionID,Message", Shape(reply));
            Assert.Equal("Authentication failed", reply["Message"]);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(40), "the failure is delayed");
            Assert.True(client.Closed);
        }

        [Fact]
        public async Task Nothing_after_Logoff_is_answered()
        {
            var client = await LoginAsync("off");
            await client.SendRawAsync(Encoding.ASCII.GetBytes("Action: Logoff\r\nActionID: bye\r\n\r\nAction: Ping\r\nActionID: late\r\n\r\n"));

            var all = await client.ReadToEndAsync();
            Assert.Equal(new[] { "Goodbye" }, all.Select(m => m.Name));
        }

        [Fact]
        public async Task Before_login_only_login_actions_work_and_the_connection_stays_open()
        {
            var client = await ConnectAsync();
            await client.SendAsync("Ping", ("ActionID", "p"));
            var denied = await client.ReadAsync();
            Assert.Equal("Permission denied", denied["Message"]);
            Assert.Equal("Error", denied.Name);

            var reply = await client.LoginAsync("admin", AdminSecret);
            Assert.Equal("Authentication accepted", reply["Message"]);
        }

        [Fact]
        public async Task Read_only_user_is_denied_actions_outside_its_write_rights_as_in_monitor_user_ami()
        {
            var client = await ConnectAsync();
            foreach (var action in Fixtures.SentMessages("monitor-user.sent"))
            {
                await client.SendRawAsync(AmiMessageWriter.ToBytes(action));
            }

            var expected = Fixtures.Messages("monitor-user.ami").Select(Shape).ToList();
            var got = Enumerable.Range(0, expected.Count).Select(_ => client.ReadAsync()).ToList();
            var actual = (await Task.WhenAll(got)).Select(Shape).ToList();
            Assert.Equal(expected, actual);
            await client.SendAsync("Ping", ("ActionID", "end"));
            var (_, extra) = await client.ReadUntilAsync(m => m.ActionId == "end");
            Assert.Empty(extra); // no SuccessfulAuth or anything else: monitor does not read security
        }

        [Fact]
        public async Task Ping_unknown_action_and_bad_cli_command_answer_with_the_recorded_texts()
        {
            var client = await LoginAsync("off");
            await client.SendAsync("Ping", ("ActionID", "2"));
            var pong = await client.ReadAsync();
            Assert.Equal("Response Success: ActionID,Ping,Timestamp", Shape(pong));
            Assert.Equal("Pong", pong["Ping"]);
            Assert.Matches(@"^\d+\.\d{6}$", pong["Timestamp"]);

            await client.SendAsync("NoSuchAction", ("ActionID", "8"));
            var unknown = await client.ReadAsync();
            Assert.Equal("Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.", unknown["Message"]);

            await client.SendAsync("Command", ("Command", "no such cli thing"), ("ActionID", "9"));
            var bad = await client.ReadAsync();
            Assert.Equal("Response Error: ActionID,Message,Output", Shape(bad));
            Assert.Equal("No such command 'no such cli thing' (type 'core show help no such' for other possible commands)", bad["Output"]);
        }

        [Fact]
        public async Task Command_output_comes_as_Output_lines()
        {
            var client = await LoginAsync("off");
            await client.SendAsync("Command", ("Command", "core show version"), ("ActionID", "2"));
            var version = await client.ReadAsync();
            Assert.Equal("Response Success: ActionID,Message,Output", Shape(version));
            Assert.Equal("Command output follows", version["Message"]);
            Assert.StartsWith("Asterisk ", version["Output"]);

            await client.SendAsync("Command", ("Command", "dialplan show office"), ("ActionID", "3"));
            var dialplan = await client.ReadAsync();
            var lines = dialplan.GetValues("Output");
            Assert.Equal("[ Context 'office' created by 'pbx_config' ]", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("'1001' =>         hint: Custom:1001", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("1. Dial(Local/1001@office,10)", StringComparison.Ordinal));
            Assert.Equal(string.Empty, lines[lines.Count - 2]);
            Assert.StartsWith("-= ", lines[lines.Count - 1]);

            await Simulator.Pbx.PlaceCallAsync("5551234", "1001", SimulatedOutcome.Answered, TimeSpan.FromSeconds(5));
            await Eventually.WaitUntilAsync(() => Simulator.Pbx.ActiveChannels.Count == 4, TimeSpan.FromSeconds(5), "four channels");
            await client.SendAsync("Command", ("Command", "core show channels"), ("ActionID", "4"));
            var channels = (await client.ReadAsync()).GetValues("Output");
            Assert.StartsWith("Channel ", channels[0]);
            Assert.Equal("4 active channels", channels[channels.Count - 3]);
            Assert.Equal("1 active call", channels[channels.Count - 2]);
            Assert.Equal("1 call processed", channels[channels.Count - 1]);

            await client.SendAsync("Command", ("Command", "core show uptime"), ("ActionID", "5"));
            Assert.StartsWith("System uptime: ", (await client.ReadAsync())["Output"]);
        }

        [Fact]
        public async Task Events_off_at_login_sends_no_events_and_the_Events_action_turns_them_on()
        {
            var client = await LoginAsync("off");
            await Simulator.Pbx.PlaceCallAsync("5550001", "1001", SimulatedOutcome.Busy);
            await client.SendAsync("Ping", ("ActionID", "a"));
            await client.ReadUntilAsync(m => m.ActionId == "a");
            await Eventually.WaitUntilAsync(() => Simulator.Pbx.ActiveCalls == 0, TimeSpan.FromSeconds(5), "the call ended");
            await client.SendAsync("Ping", ("ActionID", "b"));
            var (_, before) = await client.ReadUntilAsync(m => m.ActionId == "b");
            Assert.Empty(before);

            await client.SendAsync("Events", ("EventMask", "call"), ("ActionID", "e"));
            var on = await client.ReadAsync();
            Assert.Equal("Response Success: ActionID,Events", Shape(on));
            Assert.Equal("On", on["Events"]);
            await Simulator.Pbx.PlaceCallAsync("5550001", "1001", SimulatedOutcome.Busy);
            var (hangup, seen) = await client.ReadEventAsync("Hangup");
            Assert.DoesNotContain(seen, m => m.Name is "Newexten" or "VarSet"); // dialplan class is not in "call"
            Assert.Contains(seen, m => m.Name == "Newchannel");
        }

        [Fact]
        public void The_test_digest_matches_the_recorded_md5_login()
        {
            Assert.Equal("fdc167ad29432453e79d374f6a676d94", Md5("206608793" + AdminSecret));
        }

        private static string Md5(string text) =>
            Convert.ToHexString(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
