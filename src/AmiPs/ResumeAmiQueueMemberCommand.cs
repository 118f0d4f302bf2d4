using System.Management.Automation;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Unpauses a queue member (<c>QueuePause</c> with <c>Paused: false</c>).</summary>
    [Cmdlet(VerbsLifecycle.Resume, "AmiQueueMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AmiQueueMember))]
    public sealed class ResumeAmiQueueMemberCommand : AmiQueueMemberCmdlet
    {
        protected override void ProcessRecord() =>
            Change("Unpause", () => NewAction("QueuePause").Add("Paused", "false"), m => m is { IsPaused: false });
    }
}
