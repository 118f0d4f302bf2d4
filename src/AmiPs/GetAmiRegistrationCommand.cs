using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lists outbound registrations (trunks) and whether each is registered (PJSIP; chan_sip where the server has no
    /// PJSIP). A session that tracks registrations answers from memory, kept live by events; any other loads them first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AmiRegistration")]
    [OutputType(typeof(AmiRegistration))]
    public sealed class GetAmiRegistrationCommand : AmiSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegistrationNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new NameFilter(Name);
            foreach (var session in ResolveSessions())
            {
                var registrations = session.Registrations;
                try
                {
                    if (!session.IsTracking(AmiTrackedState.Registrations) || registrations.LoadedAt is null)
                    {
                        Await(registrations.LoadAsync(session, StopToken));
                    }
                }
                catch (AmiException ex)
                {
                    WriteAmiError(ex, session);
                    continue;
                }

                var all = registrations.GetRegistrations();
                if (filter.MatchesAll)
                {
                    WriteObject(all, enumerateCollection: true); // one call for thousands: the common case costs least
                    continue;
                }

                foreach (var registration in all)
                {
                    if (filter.IsMatch(registration.Name))
                    {
                        WriteObject(registration);
                    }
                }
            }

            foreach (var error in filter.NotFound("registration", AmiErrorIds.RegistrationNotFound))
            {
                WriteError(error);
            }
        }
    }
}
