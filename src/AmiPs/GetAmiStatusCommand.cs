using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>Reports a session's health; works for disconnected and failed sessions too.</summary>
    [Cmdlet(VerbsCommon.Get, "AmiStatus")]
    [OutputType(typeof(AmiSessionStatus))]
    public sealed class GetAmiStatusCommand : AmiSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                WriteObject(session.GetStatus());
            }
        }
    }
}
