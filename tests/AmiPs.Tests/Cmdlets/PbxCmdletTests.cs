using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>The PBX cmdlets through the real engine, against the module's simulator: live updates, resync, errors, completers.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class PbxCmdletTests : IDisposable
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;
        private readonly PsHost _ps = new PsHost().ImportUtility();
        private readonly AmiSession _session;

        public PbxCmdletTests()
        {
            _session = _ps.Run("$sim = Start-AmiSimulator; $s = $sim | Connect-Ami; $s").ThrowIfErrors().Single<AmiSession>();
        }

        [Fact]
        public void Wildcards_select_and_a_literal_name_that_matches_nothing_is_an_ObjectNotFound_error()
        {
            var names = _ps.Run("(Get-AmiEndpoint 100*, self*).Name").ThrowIfErrors().Output.Select(o => (string)o.BaseObject);
            Assert.Equal(new[] { "1001", "1002", "selftrunk" }, names);

            var missing = _ps.Run("Get-AmiEndpoint nosuch, 1001; Get-AmiRegistration nosuch; Get-AmiEndpoint zz*");
            Assert.Equal("1001", Assert.Single(missing.Objects<AmiEndpoint>()).Name);
            Assert.Equal(new[] { "AmiEndpointNotFound,AmiPs.Commands.GetAmiEndpointCommand", "AmiRegistrationNotFound,AmiPs.Commands.GetAmiRegistrationCommand" }, missing.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.All(missing.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
        }

        [Fact]
        public async Task A_trunk_that_loses_its_registration_and_an_endpoint_that_becomes_unreachable_show_it_within_the_event()
        {
            var result = _ps.Run(@"
                $null = $sim.Simulator.Sip.LoseRegistration('provider')
                $r = Wait-AmiEvent Registry -Since (Get-Date).AddSeconds(-5) -Timeout 5
                (Get-AmiRegistration provider).Status
                $null = $sim.Simulator.Sip.MakeUnreachable('selftrunk')
                $null = Wait-AmiEvent ContactStatus -Filter { $_.ContactStatus -eq 'Unreachable' } -Since (Get-Date).AddSeconds(-5) -Timeout 5
                $e = Get-AmiEndpoint selftrunk
                $e.IsReachable; $e.StateText").ThrowIfErrors();
            Assert.Equal(new object[] { AmiRegistrationStatus.Unregistered, false, "Unavailable" }, result.Output.Select(o => o.BaseObject));

            _ps.Run("$null = $sim.Simulator.Sip.Register('provider')").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Registrations.Find("provider")!.IsRegistered && _session.Endpoints.Find("selftrunk")!.IsReachable, Deadline, "registered again");
            Assert.Equal(TimeSpan.FromTicks(10010), _session.Endpoints.Find("selftrunk")!.GetRoundTrip()); // re-registered: 1001 µs, as pjsip-events
        }

        [Fact]
        public async Task What_changed_while_the_link_was_down_is_current_after_the_reconnect()
        {
            var reconnects = _session.ReconnectCount;
            var loaded = _session.Registrations.LoadedAt;
            _ps.Run(@"
                $restart = $sim.Simulator.Faults.RestartAsync([TimeSpan]::FromSeconds(1))
                $null = $sim.Simulator.Sip.LoseRegistration('provider')   # no session hears this: the link is down
                $null = $sim.Simulator.Sip.MakeReachable('1001', 2500)
                $restart.GetAwaiter().GetResult()").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.ReconnectCount > reconnects && _session.Registrations.LoadedAt > loaded && _session.Endpoints.LoadedAt > loaded, Deadline, "reconnected and reloaded");

            var result = _ps.Run("(Get-AmiRegistration provider).IsRegistered; (Get-AmiEndpoint 1001).IsReachable; (Get-AmiEndpoint 1001).RoundTrip.TotalMilliseconds").ThrowIfErrors();
            Assert.Equal(new object[] { false, true, 2.5 }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void A_server_without_sip_gives_a_NotInstalled_error_naming_what_is_missing()
        {
            var result = _ps.Run(@"
                $bare = Start-AmiSimulator -SipStack None
                $b = Connect-Ami $bare.ComputerName -Port $bare.Port -Credential $bare.Credential
                Get-AmiEndpoint -Session $b
                Get-AmiRegistration -Session $b
                (Get-AmiServerInfo -Session $b).Capabilities.HasPjsip
                Disconnect-Ami -Session $b; $bare | Stop-AmiSimulator");

            Assert.Equal(false, Assert.Single(result.Output).BaseObject);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal(ErrorCategory.NotInstalled, e.CategoryInfo.Category);
                Assert.StartsWith("AmiFeatureMissing,", e.FullyQualifiedErrorId);
                Assert.Contains("res_pjsip", e.Exception.Message);
                Assert.Contains("chan_sip", e.Exception.Message);
            });
        }

        [Fact]
        public async Task A_session_that_does_not_track_endpoints_loads_them_when_asked()
        {
            var port = _ps.Run("$sim.Port").ThrowIfErrors().Single<int>();
            var cred = _ps.Run("$sim.Credential").ThrowIfErrors().Single<PSCredential>();
            using var untracked = new AmiSession(
                new AmiSessionOptions { ComputerName = "127.0.0.1", Port = port, Track = AmiTrackedState.None, KeepAliveInterval = TimeSpan.Zero },
                cred.GetNetworkCredential());
            await untracked.ConnectAsync();
            Assert.Null(untracked.Endpoints.LoadedAt);

            _ps.SetVariable("u", untracked);
            var names = _ps.Run("(Get-AmiEndpoint -Session $u).Name; (Get-AmiRegistration -Session $u | Where-Object IsRegistered).Name").ThrowIfErrors();
            Assert.Equal(new[] { "1001", "1002", "selftrunk", "provider" }, names.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public async Task Get_AmiChannel_lists_live_channels_and_pipes_to_Stop_AmiCall()
        {
            _ps.Run("$id = $sim.Simulator.Pbx.PlaceCallAsync('5550001', '1001', 'Answered', [TimeSpan]::FromSeconds(30), 'Bob').GetAwaiter().GetResult()").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Calls.GetCalls(completed: false).Any(c => c.State == AmiCallState.Up), Deadline, "the call is up");

            var channels = _ps.Run("Get-AmiChannel").ThrowIfErrors().Objects<AmiLiveChannel>().ToList();
            Assert.NotEmpty(channels);
            Assert.Contains(channels, c => c.CallerIDNum == "5550001" && c.State == AmiChannelState.Up);
            Assert.Empty(_ps.Run("Get-AmiChannel -LongerThan 01:00:00").ThrowIfErrors().Output);

            var whatIf = _ps.Run("Get-AmiChannel | Select-Object -First 1 | Stop-AmiCall -WhatIf; @(Get-AmiChannel).Count").ThrowIfErrors();
            Assert.Equal(channels.Count, whatIf.Output.Last().BaseObject);

            _ps.Run("Get-AmiChannel | Select-Object -First 1 | Stop-AmiCall -Confirm:$false").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Calls.ActiveCount == 0, Deadline, "the call ended");
        }

        [Fact]
        public void Name_completes_with_the_endpoints_and_registrations_the_sessions_know()
        {
            var result = _ps.Run(@"
                (TabExpansion2 -inputScript 'Get-AmiEndpoint -Name self' -cursorColumn 26).CompletionMatches.CompletionText
                (TabExpansion2 -inputScript 'Get-AmiRegistration dead' -cursorColumn 24).CompletionMatches.CompletionText").ThrowIfErrors();
            Assert.Equal(new[] { "selftrunk", "deadtrunk" }, result.Output.Select(o => (string)o.BaseObject));
        }

        public void Dispose() => _ps.Dispose();
    }
}
