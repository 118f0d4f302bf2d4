using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.Events;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>Get-AmiCall, Get-AmiExtension, New-AmiCall and Stop-AmiCall through the real engine, against a scripted AMI peer.</summary>
    public sealed class CallCmdletTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        public CallCmdletTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential("admin", _server.Secret));
            _server.Hints.Enqueue(Hint("1001", "0", "Idle"));
            _server.Hints.Enqueue(Hint("1002", "4", "Unavailable"));
        }

        [Fact]
        public async Task After_a_reconnect_Get_AmiCall_and_Get_AmiExtension_show_the_PBX_as_it_is_now()
        {
            var session = Connect();
            Assert.Equal(new object[] { "1001 Idle 0", "1002 Unavailable 4" }, _ps.Run("Get-AmiExtension | ForEach-Object { '{0} {1} {2}' -f $_.Exten, $_.StatusText, $_.Status }").ThrowIfErrors().Output.Select(o => o.BaseObject));

            // A call is under way, 1001 in use...
            var peer = _server.LastPeer!;
            await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/1001-01"), ("ChannelState", "4"), ("CallerIDNum", "1001"), ("Exten", "2000"), ("Context", "office"), ("Uniqueid", "100.1"), ("Linkedid", "100.1"));
            await peer.SendAsync(null, ("Event", "ExtensionStatus"), ("Privilege", "call,all"), ("Exten", "1001"), ("Context", "office"), ("Hint", "Custom:1001"), ("Status", "1"), ("StatusText", "InUse"));
            await Eventually.WaitUntilAsync(() => session.Calls.ActiveCount == 1 && session.Extensions.GetExtensions()[0].Status == 1, Deadline, "call and state seen");
            Assert.Equal("100.1", _ps.Run("(Get-AmiCall -Active).Id").ThrowIfErrors().Output.Single().BaseObject);

            // ...the link dies; meanwhile the call ends, another starts and 1002 comes back ringing.
            _server.Hints.Clear();
            _server.Hints.Enqueue(Hint("1001", "0", "Idle"));
            _server.Hints.Enqueue(Hint("1002", "8", "Ringing"));
            _server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/3000-02"), ("ChannelState", "6"), ("CallerIDNum", "3000"), ("CallerIDName", "Carol"), ("Exten", "1002"), ("Context", "office"), ("Uniqueid", "200.1"), ("Linkedid", "200.1"), ("Duration", "00:00:07"), ("BridgeId", string.Empty) });
            var before = DateTimeOffset.Now;
            _server.DropAll();
            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.State == AmiSessionState.Connected && session.Calls.GetCall("200.1") is not null, Deadline, "reconnected and resynchronised");

            var result = _ps.Run(@"
                $gone = Get-AmiCall -Id 100.1
                $gone.State; $gone.Disposition; $gone.EndTimeInferred; $gone.IsActive
                $new = Get-AmiCall -Active
                @($new).Count; $new.Id; $new.From; $new.FromName; $new.StartTimeInferred; $new.To
                Get-AmiExtension | ForEach-Object { '{0} {1}' -f $_.Exten, $_.StatusText }
                (Get-AmiExtension 1002).Status").ThrowIfErrors();

            Assert.Equal(
                new object[] { AmiCallState.Ended, AmiCallDisposition.Unknown, true, false, 1, "200.1", "3000", "Carol", true, "1002", "1001 Idle", "1002 Ringing", 8 },
                result.Output.Select(o => o.BaseObject));
            var vanished = session.Calls.GetCall("100.1")!;
            Assert.InRange(vanished.EndTime!.Value, before, DateTimeOffset.Now);
        }

        [Fact]
        public async Task Get_AmiCall_filters_active_and_completed_and_reports_unknown_ids()
        {
            var session = Connect();
            var peer = _server.LastPeer!;
            foreach (var id in new[] { "1.1", "2.1" })
            {
                await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/" + id), ("ChannelState", "4"), ("CallerIDNum", "555"), ("Uniqueid", id), ("Linkedid", id));
            }

            await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/1.1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("Cause", "17"), ("Cause-txt", "User busy"));
            await Eventually.WaitUntilAsync(() => session.Calls.CompletedCount == 1 && session.Calls.ActiveCount == 1, Deadline, "one call ended");

            var result = _ps.Run("(Get-AmiCall -Completed).Id; (Get-AmiCall -Active).Id; @(Get-AmiCall).Count; (Get-AmiCall 1.1).Disposition; (Get-AmiCall 1.1).HangupCauseText; Get-AmiCall -Id nope");

            Assert.Equal(new object[] { "1.1", "2.1", 2, AmiCallDisposition.Busy, "User busy" }, result.Output.Select(o => o.BaseObject));
            Assert.Equal("AmiCallNotFound,AmiPs.Commands.GetAmiCallCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public async Task Stop_AmiCall_hangs_up_every_live_leg_and_WhatIf_sends_nothing()
        {
            var session = Connect();
            _server.OnAction = (peer, message) => peer.SendAsync(message.ActionId, ("Response", "Success"), ("Message", "Channel Hungup"));
            var live = _server.LastPeer!;
            await live.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/a-1"), ("ChannelState", "6"), ("Uniqueid", "7.1"), ("Linkedid", "7.1"));
            await live.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/b-2"), ("ChannelState", "6"), ("Uniqueid", "7.2"), ("Linkedid", "7.1"));
            await Eventually.WaitUntilAsync(() => session.Calls.GetCall("7.1")?.Channels.Count == 2, Deadline, "two legs");

            var whatIf = _ps.Run("Get-AmiCall -Active | Stop-AmiCall -WhatIf").ThrowIfErrors();
            Assert.Equal(0, _server.ReceivedCount("Hangup"));
            Assert.False(whatIf.HadErrors);

            _ps.Run("Stop-AmiCall -Id 7.1 -Confirm:$false").ThrowIfErrors();
            Assert.Equal(
                new[] { "PJSIP/a-1", "PJSIP/b-2" },
                _server.Received.Where(m => m["Action"] == "Hangup").Select(m => m["Channel"]).OrderBy(c => c, StringComparer.Ordinal));

            _ps.Run("Stop-AmiCall -Channel PJSIP/c-3 -Cause 21 -Confirm:$false").ThrowIfErrors();
            var byChannel = _server.Received.Last(m => m["Action"] == "Hangup");
            Assert.Equal(("PJSIP/c-3", "21"), (byChannel["Channel"], byChannel["Cause"]));
            Assert.Equal(3, _server.ReceivedCount("Hangup"));
        }

        [Fact]
        public async Task New_AmiCall_returns_the_call_record_and_with_Wait_returns_when_it_has_ended()
        {
            var session = Connect();
            _server.OnAction = async (peer, message) =>
            {
                if (message["Action"] != "Originate")
                {
                    await ScriptedAmiServer.RefuseAsync(peer, message);
                    return;
                }

                var id = message["ChannelId"]!;
                await peer.SendAsync(message.ActionId, ("Response", "Success"), ("Message", "Originate successfully queued"));
                await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", message["Channel"] + "-1"), ("ChannelState", "0"), ("CallerIDNum", "2000"), ("Uniqueid", id), ("Linkedid", id));
                await peer.SendAsync(null, ("Event", "Newstate"), ("Privilege", "call,all"), ("Channel", message["Channel"] + "-1"), ("ChannelState", "6"), ("Uniqueid", id), ("Linkedid", id));
                await peer.SendAsync(null, ("Event", "OriginateResponse"), ("Privilege", "call,all"), ("ActionID", message.ActionId!), ("Response", "Success"), ("Channel", message["Channel"]!), ("Reason", "4"), ("Uniqueid", id));
                if (message.GetValues("Variable").Contains("HANGUP=soon"))
                {
                    await Task.Delay(200);
                    await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", message["Channel"] + "-1"), ("Uniqueid", id), ("Linkedid", id), ("Cause", "16"), ("Cause-txt", "Normal Clearing"));
                }
            };

            var whatIf = _ps.Run("New-AmiCall -Channel PJSIP/2000 -Context office -Exten 1001 -WhatIf").ThrowIfErrors();
            Assert.Empty(whatIf.Output);
            Assert.Equal(0, _server.ReceivedCount("Originate"));

            var started = _ps.Run("New-AmiCall -Channel PJSIP/2000 -Context office -Exten 1001 -CallerId '\"Ops\" <2000>' -Confirm:$false").ThrowIfErrors().Single<AmiCall>();
            Assert.True(started.IsActive);
            Assert.StartsWith("amips-", started.Id);
            var sent = _server.Received.Single(m => m["Action"] == "Originate");
            Assert.Equal(new[] { "true", "office", "1001", "\"Ops\" <2000>" }, new[] { sent["Async"], sent["Context"], sent["Exten"], sent["CallerID"] });

            var ended = _ps.Run("New-AmiCall -Channel PJSIP/2000 -Application Playback -Data hello -Variable @{ HANGUP = 'soon' } -Wait -Confirm:$false").ThrowIfErrors().Single<AmiCall>();
            Assert.Equal(AmiCallState.Ended, ended.State);
            Assert.Equal(16, ended.HangupCause);
            Assert.NotEqual(started.Id, ended.Id);
            Assert.False(session.Calls.GetCall(ended.Id)!.IsActive);
        }

        [Fact]
        public void Exten_completes_the_tracked_extensions()
        {
            Connect();
            var result = _ps.Run("$line = 'Get-AmiExtension 100'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText").ThrowIfErrors();

            Assert.Equal(new object[] { "1001", "1002" }, result.Output.Select(o => o.BaseObject));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }

        private AmiSession Connect() =>
            _ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -ReconnectDelay 0.05").ThrowIfErrors().Single<AmiSession>();

        private static (string Key, string Value)[] Hint(string exten, string status, string text) =>
            new[] { ("Exten", exten), ("Context", "office"), ("Hint", "Custom:" + exten), ("Status", status), ("StatusText", text) };
    }
}
