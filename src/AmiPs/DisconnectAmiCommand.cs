using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>Logs off and closes sessions (the default session when none is given). Safe to repeat.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Ami")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAmiCommand : AmiSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            if (Session is null && AmiSessionStore.Default is null)
            {
                return; // nothing to close: repeating Disconnect-Ami is not an error
            }

            foreach (var session in ResolveSessions())
            {
                using (ForwardLog(session))
                {
                    Await(session.DisconnectAsync());
                }

                AmiSessionStore.Remove(session);
            }
        }
    }
}
