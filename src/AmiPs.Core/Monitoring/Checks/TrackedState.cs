using System;
using AmiPs.Client;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>The checks that read what a session tracks (endpoints, registrations, queues) first ask whether it has it.</summary>
    internal static class TrackedState
    {
        /// <summary>An Unknown result when the session does not load <paramref name="kind"/>, else null.</summary>
        public static AmiHealthResult? NotTracked(AmiHealthContext context, string check, AmiTrackedState kind) =>
            context.Session.IsTracking(kind)
                ? null
                : context.Result(check, null, AmiHealthStatus.Unknown, $"session '{context.Session.Name}' does not track {kind.ToString().ToLowerInvariant()} (Connect-Ami -Track {kind}, or Test-AmiHealth -ComputerName)");

        /// <summary>
        /// An Unknown result when the SIP tracker's last load failed (the server has no PJSIP nor chan_sip, or refused
        /// the list) or never ran, saying why; else null.
        /// </summary>
        public static AmiHealthResult? NotLoaded(AmiHealthContext context, string check, AmiTrackedState kind, string? loadError, DateTimeOffset? loadedAt)
        {
            if (NotTracked(context, check, kind) is { } notTracked)
            {
                return notTracked;
            }

            if (loadError is { Length: > 0 })
            {
                return context.Result(check, null, AmiHealthStatus.Unknown, loadError);
            }

            return loadedAt is null ? context.Result(check, null, AmiHealthStatus.Unknown, $"the {kind.ToString().ToLowerInvariant()} were not loaded after login (Get-AmiLog says why)") : null;
        }
    }
}
