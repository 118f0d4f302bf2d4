using System.Globalization;
using System.Management.Automation;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Adds a dynamic member to a queue (<c>QueueAdd</c>).</summary>
    [Cmdlet(VerbsCommon.Add, "AmiQueueMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AmiQueueMember))]
    public sealed class AddAmiQueueMemberCommand : AmiQueueMemberCmdlet
    {
        /// <summary>The member's display name (<c>Alice</c>).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? MemberName { get; set; }

        /// <summary>The member's penalty: lower penalties are rung first.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, int.MaxValue)]
        public int? Penalty { get; set; }

        /// <summary>The device whose state tells whether the member is busy (<c>PJSIP/1001</c>, <c>Custom:1001</c>).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? StateInterface { get; set; }

        /// <summary>Adds the member paused.</summary>
        [Parameter]
        public SwitchParameter Paused { get; set; }

        protected override void ProcessRecord() => Change("Add to the queue", NewAddAction, m => m is not null);

        private AmiAction NewAddAction()
        {
            var action = NewAction("QueueAdd");
            if (Penalty is int penalty)
            {
                action.Add("Penalty", penalty.ToString(CultureInfo.InvariantCulture));
            }

            action.Add("Paused", Paused ? "true" : "false");
            if (MemberName is not null)
            {
                action.Add("MemberName", MemberName);
            }

            if (StateInterface is not null)
            {
                action.Add("StateInterface", StateInterface);
            }

            return action;
        }
    }
}
