using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lists SIP endpoints (PJSIP; chan_sip peers where the server has no PJSIP) with their device state and contacts.
    /// A session that tracks endpoints answers from memory, kept live by events; any other loads them first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AmiEndpoint")]
    [OutputType(typeof(AmiEndpoint))]
    public sealed class GetAmiEndpointCommand : AmiSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EndpointNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new NameFilter(Name);
            foreach (var session in ResolveSessions())
            {
                var endpoints = session.Endpoints;
                try
                {
                    if (!session.IsTracking(AmiTrackedState.Endpoints) || endpoints.LoadedAt is null)
                    {
                        Await(endpoints.LoadAsync(session, StopToken));
                    }
                }
                catch (AmiException ex)
                {
                    WriteAmiError(ex, session);
                    continue;
                }

                var all = endpoints.GetEndpoints();
                if (filter.MatchesAll)
                {
                    WriteObject(all, enumerateCollection: true); // one call for thousands: the common case costs least
                    continue;
                }

                foreach (var endpoint in all)
                {
                    if (filter.IsMatch(endpoint.Name))
                    {
                        WriteObject(endpoint);
                    }
                }
            }

            foreach (var error in filter.NotFound("endpoint", AmiErrorIds.EndpointNotFound))
            {
                WriteError(error);
            }
        }
    }
}
