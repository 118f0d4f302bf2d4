using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.Module;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>The queue cmdlets through the real engine, against the module's simulator (its app_queue).</summary>
    [Collection(SerialCollection.Name)]
    public sealed class QueueCmdletTests : IDisposable
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;
        private readonly PsHost _ps = FullEngine.NewHost();
        private readonly AmiSession _session;

        public QueueCmdletTests()
        {
            _session = _ps.Run("$sim = Start-AmiSimulator -RingTime 30; $s = $sim | Connect-Ami; $s").ThrowIfErrors().Single<AmiSession>();
        }

        [Fact]
        public void Get_AmiQueue_lists_the_queues_with_their_members_and_filters_by_name()
        {
            var all = _ps.Run("Get-AmiQueue").ThrowIfErrors().Output.Select(o => (AmiQueue)o.BaseObject).ToList();
            Assert.Equal(new[] { "sales", "support" }, all.Select(q => q.Name));
            Assert.Equal("Alice", all[1].Members.Single().Name);

            var one = _ps.Run("Get-AmiQueue sup*; 'support' | Get-AmiQueue").ThrowIfErrors().Output.Select(o => ((AmiQueue)o.BaseObject).Name);
            Assert.Equal(new[] { "support", "support" }, one);

            var missing = _ps.Run("Get-AmiQueue nosuchqueue");
            Assert.Equal("AmiQueueNotFound", missing.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.Errors.Single().CategoryInfo.Category);
        }

        [Fact]
        public void Suspend_AmiQueueMember_WhatIf_changes_nothing_on_the_pbx()
        {
            var result = _ps.Run("(Get-AmiQueue support).Members | Suspend-AmiQueueMember -Reason lunch -WhatIf").ThrowIfErrors();

            Assert.Empty(result.Output);
            Assert.False(_session.Queues.GetMember("support", "Local/1001@office")!.IsPaused);
            var onPbx = _ps.Run("Invoke-AmiAction QueueStatus @{ Queue = 'support' } | ForEach-Object Events | Where-Object Event -eq QueueMember | ForEach-Object Paused").ThrowIfErrors();
            Assert.Equal(false, onPbx.Output.Single().BaseObject);
        }

        [Fact]
        public void Members_from_Get_AmiQueue_pause_with_a_reason_and_resume_and_each_cmdlet_returns_the_member_afterwards()
        {
            var paused = _ps.Run("(Get-AmiQueue support).Members | Suspend-AmiQueueMember -Reason lunch").ThrowIfErrors().Single<AmiQueueMember>();
            Assert.True(paused.IsPaused);
            Assert.Equal("lunch", paused.PausedReason);
            Assert.NotNull(paused.PausedSince);
            Assert.Equal(0, _session.Queues.GetQueue("support")!.AvailableMembers);

            var resumed = _ps.Run("Resume-AmiQueueMember -Queue support -Interface Local/1001@office").ThrowIfErrors().Single<AmiQueueMember>();
            Assert.False(resumed.IsPaused);
            Assert.Null(resumed.PausedReason);
        }

        [Fact]
        public void Add_AmiQueueMember_adds_a_dynamic_member_and_Remove_takes_it_away()
        {
            var added = _ps.Run("Add-AmiQueueMember -Queue sales -Interface PJSIP/1003 -MemberName Carol -Penalty 2 -StateInterface Custom:1003 -Paused").ThrowIfErrors().Single<AmiQueueMember>();
            Assert.Equal(("Carol", 2, "Custom:1003", true, AmiQueueMembership.Dynamic), (added.Name, added.Penalty, added.StateInterface, added.IsPaused, added.Membership));

            var removed = _ps.Run("Get-AmiQueue sales | ForEach-Object Members | Where-Object Name -eq Carol | Remove-AmiQueueMember -Confirm:$false").ThrowIfErrors();
            Assert.Empty(removed.Output);
            Assert.Null(_session.Queues.GetMember("sales", "PJSIP/1003"));
        }

        [Fact]
        public void The_pbx_refusal_of_a_static_member_removal_is_an_error_with_its_message()
        {
            var result = _ps.Run("Remove-AmiQueueMember sales Local/1002@office -Confirm:$false");

            var error = result.Errors.Single();
            Assert.Contains("Member not dynamic", error.Exception.Message);
            Assert.NotNull(_session.Queues.GetMember("sales", "Local/1002@office"));
        }

        [Fact]
        public void A_reason_with_a_line_break_is_refused_before_anything_is_sent()
        {
            var result = _ps.Run("Suspend-AmiQueueMember support Local/1001@office -Reason \"lunch`r`nAction: Logoff\"");

            Assert.Equal("AmiInvalidActionField", result.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.False(_session.Queues.GetMember("support", "Local/1001@office")!.IsPaused);
        }

        [Fact]
        public async Task Callers_waiting_in_a_filled_queue_show_in_Get_AmiQueue()
        {
            _ps.Run("$null = $sim.Simulator.Queues.FillQueue('support', 3)").ThrowIfErrors();
            await Eventually.WaitUntilAsync(() => _session.Queues.GetQueue("support")!.Callers.Count == 3, Deadline, "three callers waiting");

            var result = _ps.Run("$q = Get-AmiQueue support; $q.Callers.Position; $q.AvailableMembers; $q.Members[0].Status").ThrowIfErrors();
            Assert.Equal(new object[] { 1, 2, 3, 0, AmiPs.Events.AmiDeviceState.Unavailable }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Queue_tables_read_well_in_an_80_column_console()
        {
            _ps.Run("$null = $sim.Simulator.Queues.JoinCaller('support', '5550201', 'Quinn'); $null = Suspend-AmiQueueMember sales Local/1002@office -Reason lunch").ThrowIfErrors();
            var text = string.Join("\n", _ps.Run("Get-AmiQueue | Out-String -Width 80; (Get-AmiQueue).Members | Out-String -Width 80; (Get-AmiQueue).Callers | Out-String -Width 80")
                .ThrowIfErrors().Output.Select(o => (string)o.BaseObject));

            Assert.Matches(@"Name\s+Callers\s+Longest\s+Available\s+Done/Lost", text);
            Assert.Matches(@"support\s+1\s+\d\d:\d\d\s+0/1\s+0/0\s+ringall", text);
            Assert.Matches(@"sales\s+Bob\s+Local/1002@office\s+Not in use\s+lunch\s+0", text);
            Assert.Matches(@"support\s+1 5550201 ""Quinn""\s+\d\d:\d\d Alice", text);
            Assert.DoesNotContain(text.Split('\n'), line => line.TrimEnd().Length > 80);
        }

        [Fact]
        public void Completers_offer_queue_names_and_the_interfaces_of_the_queue_given()
        {
            var queues = _ps.Run("$c = 'Get-AmiQueue su'; (TabExpansion2 $c $c.Length).CompletionMatches.CompletionText").ThrowIfErrors();
            Assert.Equal("support", queues.Output.Single().BaseObject);

            var interfaces = _ps.Run("$c = 'Suspend-AmiQueueMember -Queue sales -Interface '; (TabExpansion2 $c $c.Length).CompletionMatches.CompletionText").ThrowIfErrors();
            Assert.Equal("Local/1002@office", interfaces.Output.Single().BaseObject);
        }

        [Fact]
        public async Task A_session_that_does_not_track_queues_says_so()
        {
            var port = (int)_ps.Run("$sim.Port").ThrowIfErrors().Output.Single().BaseObject;
            var credential = _ps.Run("$sim.Credential.GetNetworkCredential()").ThrowIfErrors().Single<System.Net.NetworkCredential>();
            using var light = new AmiSession(new AmiSessionOptions { ComputerName = "127.0.0.1", Port = port, Name = "light", Track = AmiTrackedState.Calls }, credential);
            await light.ConnectAsync();
            _ps.SetVariable("light", light);

            var result = _ps.Run("Get-AmiQueue -Session $light");

            Assert.Equal("AmiQueuesNotTracked", result.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            await light.DisconnectAsync();
        }

        public void Dispose()
        {
            _ps.Run("$s | Disconnect-Ami; $sim | Stop-AmiSimulator");
            _ps.Dispose();
        }
    }
}
