using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Versions, start and reload times, load and capabilities (PJSIP, chan_sip, app_queue) of each session's PBX.</summary>
    [Cmdlet(VerbsCommon.Get, "AmiServerInfo")]
    [OutputType(typeof(AmiServerInfo))]
    public sealed class GetAmiServerInfoCommand : AmiSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                try
                {
                    WriteObject(Await(session.GetServerInfoAsync(StopToken)));
                }
                catch (AmiException ex)
                {
                    WriteAmiError(ex, session);
                }
            }
        }
    }
}
