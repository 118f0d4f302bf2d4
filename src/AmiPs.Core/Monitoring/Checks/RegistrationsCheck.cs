using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Registrations</c>: one result per outbound registration (trunk; its name the target), Critical unless it is
    /// registered; the value is 1 when registered, else 0. Read from session.Registrations (PJSIP or chan_sip).
    /// </summary>
    internal sealed class RegistrationsCheck : IAmiHealthCheck
    {
        public string Name => "Registrations";

        public AmiTrackedState Needs => AmiTrackedState.Registrations;

        public string? EventClasses => null;

        public Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken) => Task.FromResult(Run(context));

        private IReadOnlyList<AmiHealthResult> Run(AmiHealthContext context)
        {
            var tracker = context.Session.Registrations;
            if (TrackedState.NotLoaded(context, Name, AmiTrackedState.Registrations, tracker.LoadError, tracker.LoadedAt) is { } unknown)
            {
                return new[] { unknown };
            }

            var all = tracker.GetRegistrations();
            var chosen = all.Where(r => context.Filter.Selects(r.Name)).ToList();
            if (chosen.Count == 0)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Ok, all.Count == 0 ? "no outbound registrations configured" : "no registration matches -Include/-Exclude") };
            }

            return chosen.Select(r => Judge(context, r)).ToArray();
        }

        private AmiHealthResult Judge(AmiHealthContext context, AmiRegistration registration)
        {
            var server = registration.ServerUri is { Length: > 0 } uri ? " with " + uri : string.Empty;
            var message = registration.IsRegistered
                ? "registered" + server
                : $"not registered{server}: {registration.StatusText}";
            return new AmiHealthResult(context.ComputerName, Name, registration.Name, registration.IsRegistered ? AmiHealthStatus.Ok : AmiHealthStatus.Critical, message)
            {
                Value = registration.IsRegistered ? 1 : 0,
            };
        }
    }
}
