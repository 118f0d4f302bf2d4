using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>Removes a dynamic member from a queue (<c>QueueRemove</c>); a static member (queues.conf) cannot be removed.</summary>
    [Cmdlet(VerbsCommon.Remove, "AmiQueueMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAmiQueueMemberCommand : AmiQueueMemberCmdlet
    {
        protected override void ProcessRecord() => Change("Remove from the queue", () => NewAction("QueueRemove"), m => m is null);
    }
}
