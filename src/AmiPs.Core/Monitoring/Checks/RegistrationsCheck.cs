using System.Collections.Generic;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Registrations</c>: one result per outbound registration (trunk; its name the target), Critical unless it is
    /// registered; the value is 1 when registered, else 0. Read from session.Registrations (PJSIP or chan_sip).
    /// </summary>
    internal sealed class RegistrationsCheck : TargetedCheck<AmiRegistration>
    {
        public RegistrationsCheck()
            : base("Registrations", AmiTrackedState.Registrations, "outbound registrations")
        {
        }

        protected override AmiHealthResult? Unavailable(AmiHealthContext context) =>
            NotLoaded(context, context.Session.Registrations.LoadError, context.Session.Registrations.LoadedAt);

        protected override IReadOnlyList<AmiRegistration> Targets(AmiHealthContext context) => context.Session.Registrations.GetRegistrations();

        protected override string TargetName(AmiRegistration target) => target.Name;

        protected override AmiHealthResult Judge(AmiHealthContext context, AmiRegistration registration)
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
