using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Faults
{
    /// <summary>Action input that would break framing or inject a second action is refused with a clear error before anything is sent.</summary>
    public sealed class ActionInputTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();

        public static TheoryData<string, string, string> BadFields => new TheoryData<string, string, string>
        {
            { "Channel", "PJSIP/1\rAction: Hangup", "line break" },
            { "Channel", "PJSIP/1\nAction: Hangup", "line break" },
            { "Channel", "PJSIP/1\r\n\r\nAction: Hangup", "line break" },
            { "Channel", "PJSIP/\01", "NUL" },
            { "Chan\rnel", "x", "line break" },
            { "Chan\nnel", "x", "line break" },
            { "Chan\0nel", "x", "NUL" },
            { "Chan:nel", "x", "contains ':'" },
            { "", "x", "empty key" },
            { " ", "x", "empty key" },
            { " Channel", "x", "white space" },
            { "ActionID", "mine", "set by AmiPs" },
            { "Action", "Hangup", "set by AmiPs" },
            { "Data", new string('x', 1100), "at most 1022" },
            { "Data", new string('é', 600), "at most 1022" },
        };

        [Theory]
        [MemberData(nameof(BadFields))]
        public void A_bad_field_is_refused_with_a_clear_error(string key, string value, string says)
        {
            var error = Assert.Throws<AmiActionException>(() => new AmiAction("Originate").Add(key, value));

            Assert.Contains(says, error.Message);
            Assert.DoesNotContain(value.Length > 3 ? value : "\u0001never", error.Message); // values (maybe secrets) are not echoed
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("Ping\r\nAction: Originate")]
        [InlineData("Ping\0")]
        public void A_bad_action_name_is_refused(string name)
        {
            var error = Assert.Throws<AmiActionException>(() => new AmiAction(name));
            Assert.Equal("Action", error.Field);
        }

        [Fact]
        public void More_fields_than_Asterisk_reads_are_refused()
        {
            var action = new AmiAction("UserEvent");
            var error = Assert.Throws<AmiActionException>(() =>
            {
                for (var i = 0; i < 200; i++)
                {
                    action.Add("Variable", "v" + i);
                }
            });

            Assert.Contains("128 lines", error.Message);
            Assert.True(action.Fields.Count < AmiAction.MaxLines);
        }

        [Fact]
        public async Task Through_a_session_the_server_receives_nothing()
        {
            using var session = new AmiSession(
                new AmiSessionOptions { ComputerName = "127.0.0.1", Port = _server.Port, KeepAliveInterval = TimeSpan.Zero },
                new NetworkCredential(_server.User, _server.Secret));
            await session.ConnectAsync();
            await Eventually.WaitUntilAsync(() => _server.ReceivedCount("CoreShowChannels") == 1, TimeSpan.FromSeconds(5), "resync done");
            var before = _server.Received.Count;

            await Assert.ThrowsAsync<AmiActionException>(() => session.InvokeCommandAsync("core show channels\r\nAction: Originate"));
            await Assert.ThrowsAsync<AmiActionException>(() => session.InvokeCommandAsync("core show\0channels"));
            Assert.Equal("Pong", (await session.SendActionAsync(new AmiAction("Ping")))["Ping"]);

            Assert.Equal(before + 1, _server.Received.Count); // only the Ping
            Assert.Equal(0, _server.ReceivedCount("Originate"));
        }

        [Fact]
        public void Through_PowerShell_every_bad_input_is_a_non_terminating_error_and_nothing_is_sent()
        {
            using var ps = new PsHost();
            ps.SetVariable("port", _server.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
            ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred | Out-Null").ThrowIfErrors();
            Eventually.WaitUntil(() => _server.ReceivedCount("CoreShowChannels") == 1, TimeSpan.FromSeconds(5), "resync done");
            var before = _server.Received.Count;

            var result = ps.Run(@"
                Invoke-AmiAction ""Ping`r`nAction: Originate""
                Invoke-AmiAction Originate @{ ""Chan`nnel"" = 'x' }
                Invoke-AmiAction Originate @{ 'Chan:nel' = 'x' }
                Invoke-AmiAction Originate @{ Channel = ""x`0y"" }
                Invoke-AmiAction Originate @{ Data = ('x' * 5000) }
                Invoke-AmiAction Originate @{ ActionID = 'mine' }
                Invoke-AmiCommand ""core show channels`r`nAction: Originate""
                'still here'");

            Assert.Equal("still here", result.Output.Last().BaseObject);
            Assert.Equal(7, result.Errors.Count);
            Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
            Assert.Equal(before, _server.Received.Count);
        }

        public void Dispose() => _server.Dispose();
    }
}
