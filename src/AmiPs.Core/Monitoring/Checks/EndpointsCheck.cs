using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Endpoints</c>: one result per SIP endpoint (its name the target). Unavailable is Critical; a contact that does
    /// not answer its qualify while another does is a Warning; the best contact's round trip (ms, the value) is judged
    /// by the Endpoints levels. Phones come and go: <c>-Include 'trunk-*'</c> or <c>-Exclude</c> picks what matters.
    /// </summary>
    internal sealed class EndpointsCheck : TargetedCheck<AmiEndpoint>
    {
        public EndpointsCheck()
            : base("Endpoints", AmiTrackedState.Endpoints, "SIP endpoints")
        {
        }

        protected override AmiHealthResult? Unavailable(AmiHealthContext context) =>
            NotLoaded(context, context.Session.Endpoints.LoadError, context.Session.Endpoints.LoadedAt);

        protected override IReadOnlyList<AmiEndpoint> Targets(AmiHealthContext context) => context.Session.Endpoints.GetEndpoints();

        protected override string TargetName(AmiEndpoint target) => target.Name;

        protected override AmiHealthResult Judge(AmiHealthContext context, AmiEndpoint endpoint)
        {
            var levels = context.Thresholds[AmiHealthThresholds.Endpoints];
            var unreachable = endpoint.Contacts.Where(c => c.Status == AmiContactStatus.Unreachable).ToList();
            var rtt = endpoint.GetRoundTrip();
            var byRoundTrip = rtt is { } r ? levels.Evaluate(r.TotalMilliseconds) : AmiHealthStatus.Ok;

            AmiHealthStatus status;
            string message;
            if (endpoint.State == AmiDeviceState.Unavailable || (endpoint.Contacts.Count > 0 && !endpoint.IsReachable && unreachable.Count > 0))
            {
                status = AmiHealthStatus.Critical;
                message = unreachable.Count > 0
                    ? $"unavailable: {Contacts(unreachable)} unreachable"
                    : $"unavailable ({(endpoint.Contacts.Count == 0 ? "no contact registered" : endpoint.StateText)})";
            }
            else
            {
                status = unreachable.Count > 0 ? AmiHealthSeverity.Worst(new[] { AmiHealthStatus.Warning, byRoundTrip }) : byRoundTrip;
                message = endpoint.StateText;
                if (rtt is { } best)
                {
                    message += ", round trip " + AmiEndpoint.FormatRoundTrip(best) + levels.Describe(byRoundTrip);
                }

                if (unreachable.Count > 0)
                {
                    message += $"; {Contacts(unreachable)} unreachable";
                }
            }

            return new AmiHealthResult(context.ComputerName, Name, endpoint.Name, status, message)
            {
                Value = rtt is { } ms ? System.Math.Round(ms.TotalMilliseconds, 3) : null,
                Unit = levels.Unit,
                Warning = levels.Warning,
                Critical = levels.Critical,
            };
        }

        private static string Contacts(IReadOnlyList<AmiContact> contacts) =>
            contacts.Count == 1 ? "contact " + contacts[0].Uri : string.Format(CultureInfo.InvariantCulture, "{0} contacts", contacts.Count);
    }
}
