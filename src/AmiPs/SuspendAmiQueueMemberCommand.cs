using System.Management.Automation;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Pauses a queue member (<c>QueuePause</c> with <c>Paused: true</c>): it gets no queue calls until resumed.</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "AmiQueueMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AmiQueueMember))]
    public sealed class SuspendAmiQueueMemberCommand : AmiQueueMemberCmdlet
    {
        /// <summary>Why (<c>lunch</c>): shown as the member's PausedReason and written to the queue log.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Reason { get; set; }

        protected override void ProcessRecord()
        {
            Change("Pause", NewPauseAction, m => m is { IsPaused: true } && (Reason is null || m.PausedReason == Reason));
        }

        private AmiAction NewPauseAction()
        {
            var action = NewAction("QueuePause").Add("Paused", "true");
            return Reason is null ? action : action.Add("Reason", Reason);
        }
    }
}
