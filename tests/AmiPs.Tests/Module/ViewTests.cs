using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// Every script block of every view in AmiPs.format.ps1xml runs without error on a real object of its type, and
    /// every type the cmdlets write has a view. (The engine here has no Out-String; the script blocks are what can break.)
    /// </summary>
    public sealed class ViewTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();

        [Fact]
        public async Task Every_view_renders_a_real_object()
        {
            _server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "1"), ("StatusText", "InUse") });
            _server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/1001-01"), ("ChannelState", "6"), ("CallerIDNum", "1001"), ("CallerIDName", "Alice"), ("Exten", "1002"), ("Uniqueid", "100.1"), ("Linkedid", "100.1"), ("Duration", "00:01:04"), ("BridgeId", "") });
            _server.OnAction = (peer, action) => action["Action"] == "QueueStatus" ? SendQueueStatusAsync(peer, action.ActionId) : ScriptedAmiServer.RefuseAsync(peer, action);
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
            _ps.SetVariable("formatFile", Path.Combine(RepoPaths.Root, "out", "AmiPs", "AmiPs.format.ps1xml"));
            var session = _ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred; $s").ThrowIfErrors().Single<AmiSession>();
            var peer = _server.LastPeer!;
            await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/1003-02"), ("CallerIDNum", "1003"), ("Exten", "1004"), ("Context", "office"), ("Uniqueid", "101.1"), ("Linkedid", "101.1"));
            await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/1003-02"), ("Uniqueid", "101.1"), ("Linkedid", "101.1"), ("Cause", "16"), ("Cause-txt", "Normal Clearing"));
            await peer.SendAsync(null, ("Event", "ExtensionStatus"), ("Privilege", "call,all"), ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "0"), ("StatusText", "Idle"));
            await peer.SendAsync(null, ("Event", "PeerStatus"), ("Privilege", "system,all"), ("Peer", "PJSIP/1001"), ("PeerStatus", "Reachable"));
            await Eventually.WaitUntilAsync(() => session.EventsReceived >= 4, TimeSpan.FromSeconds(5), "the events to arrive");

            var result = _ps.Run(@"
                $samples = @{
                    'AmiPs.Client.AmiSession' = @($s)
                    'AmiPs.Client.AmiSessionStatus' = @(Get-AmiStatus)
                    'AmiPs.Events.AmiEvent' = @(Receive-AmiEvent -Since ([DateTimeOffset]::MinValue) -Timeout 0.2)
                    'AmiPs.Client.AmiResponse' = @(Invoke-AmiAction Ping)
                    'AmiPs.Protocol.AmiField' = @((Invoke-AmiAction Ping).Fields)
                    'AmiPs.Tracking.AmiCall' = @(Get-AmiCall)
                    'AmiPs.Tracking.AmiExtension' = @(Get-AmiExtension)
                    'AmiPs.Client.AmiLogEntry' = @(Get-AmiLog)
                    'AmiPs.Tracking.AmiQueue' = @(Get-AmiQueue)
                    'AmiPs.Tracking.AmiQueueMember' = @((Get-AmiQueue).Members)
                    'AmiPs.Tracking.AmiQueueCaller' = @((Get-AmiQueue).Callers)
                    'AmiPs.Commands.AmiConnectionTestResult' = @(Test-AmiConnection 127.0.0.1 -Port $port -Credential $cred; Test-AmiConnection 127.0.0.1 -Port 1 -Credential $cred)
                    'AmiPs.Monitoring.AmiHealthResult' = @(Test-AmiHealth -Session $s; Test-AmiHealth 127.0.0.1 -Port 1 -Credential $cred -Timeout 2)
                    'AmiPs.Monitoring.Formats.AmiNagiosResult' = @(Test-AmiHealth -Session $s -Check Connection | ConvertTo-AmiNagios)
                }
                # PBX objects (issue 12): from the simulator's PJSIP stack, and the scripted server's live channel.
                $pbx = Start-AmiSimulator
                $p = Connect-Ami $pbx.ComputerName -Port $pbx.Port -Credential $pbx.Credential
                $samples['AmiPs.Tracking.AmiEndpoint'] = @(Get-AmiEndpoint -Session $p)
                $samples['AmiPs.Tracking.AmiRegistration'] = @(Get-AmiRegistration -Session $p)
                $samples['AmiPs.Tracking.AmiServerInfo'] = @(Get-AmiServerInfo -Session $p)
                $samples['AmiPs.Tracking.AmiLiveChannel'] = @(Get-AmiChannel -Session $s)
                Disconnect-Ami -Session $p; $pbx | Stop-AmiSimulator
                $format = [xml][System.IO.File]::ReadAllText($formatFile)
                foreach ($view in $format.Configuration.ViewDefinitions.View) {
                    $type = $view.ViewSelectedBy.TypeName
                    $objects = @($samples[$type] | Where-Object { $_ -ne $null })
                    if ($objects.Count -eq 0) { 'no sample of ' + $type; continue }
                    foreach ($block in $view.SelectNodes('.//ScriptBlock')) {
                        $code = [scriptblock]::Create($block.InnerText)
                        foreach ($object in $objects) {
                            try { $null = $object | ForEach-Object $code } catch { '{0} ({1}): {2}' -f $view.Name, $type, $_ }
                        }
                    }
                }
                foreach ($type in $samples.Keys) {
                    if (-not ($format.Configuration.ViewDefinitions.View | Where-Object { $_.ViewSelectedBy.TypeName -eq $type })) { 'no view for ' + $type }
                }");

            Assert.Null(result.Terminating);
            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
            Assert.True(result.Output.Count == 0, string.Join("\n", result.Output));
        }

        [Fact]
        public void Tables_read_well_in_an_80_column_console()
        {
            using var ps = FullEngine.NewHost();
            var text = string.Join("\n", ps.Run(@"
                $sim = Start-AmiSimulator
                $s = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
                $null = New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 -Wait
                $s | Out-String -Width 80
                Get-AmiCall | Out-String -Width 80
                Receive-AmiEvent -EventType Hangup -Since ([DateTimeOffset]::MinValue) -Timeout 0.2 | Out-String -Width 80
                Get-AmiExtension | Out-String -Width 80
                Get-AmiEndpoint | Out-String -Width 80
                Get-AmiRegistration | Out-String -Width 80").ThrowIfErrors().Output.Select(o => (string)o.BaseObject));

            Assert.Matches(@"Id Name\s+Endpoint\s+User\s+State\s+AMI\s+Since\n", text); // one header line
            Assert.Matches(@"amips-[0-9a-f]{16} \d\d:\d\d:\d\d Ended\s+Answered\s+\d\d:\d\d\s+\d\d:\d\d", text); // a call: whole id, start, state, result, mm:ss
            Assert.Matches(@"\d\d:\d\d:\d\d\.\d{3} Hangup\s+Local/\S+\s+Normal Clearing \(16\)", text); // one event line with its key detail
            Assert.Matches(@"1001\s+office\s+(Idle|InUse|Ringing)", text);
            Assert.Matches(@"selftrunk\s+Not in use\s+Reachable\s+0\.5 ms sip:selftrunk@", text); // endpoint: name, state, contact status, round trip
            Assert.Matches(@"deadtrunk\s+Rejected\s+sip:127\.0\.0\.1:5090", text); // registration: name, status, server
            Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));
        }

        // One queue with a paused member and a waiting caller, framed as queue-lists.ami (ActionID last in each item).
        private static async Task SendQueueStatusAsync(ServerPeer peer, string? id)
        {
            await peer.SendAsync(id, ("Response", "Success"), ("EventList", "start"), ("Message", "Queue status will follow"));
            await peer.SendAsync(null, ("Event", "QueueParams"), ("Queue", "support"), ("Strategy", "ringall"), ("Calls", "1"), ("Completed", "3"), ("Abandoned", "1"), ("ActionID", id!));
            await peer.SendAsync(null, ("Event", "QueueMember"), ("Queue", "support"), ("Name", "Alice"), ("Location", "Local/1001@office"), ("Status", "1"), ("Paused", "1"), ("PausedReason", "lunch"), ("ActionID", id!));
            await peer.SendAsync(null, ("Event", "QueueEntry"), ("Queue", "support"), ("Position", "1"), ("Channel", "PJSIP/trunk-01"), ("CallerIDNum", "5550201"), ("Wait", "65"), ("ActionID", id!));
            await peer.SendAsync(id, ("Event", "QueueStatusComplete"), ("EventList", "Complete"), ("ListItems", "3"));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
        }
    }
}
