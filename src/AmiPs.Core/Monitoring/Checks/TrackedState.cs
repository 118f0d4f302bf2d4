using AmiPs.Client;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>The checks that read what a session tracks (endpoints, registrations, queues) first ask whether it tracks it.</summary>
    internal static class TrackedState
    {
        /// <summary>An Unknown result when the session does not load <paramref name="kind"/>, else null.</summary>
        public static AmiHealthResult? NotTracked(AmiHealthContext context, string check, AmiTrackedState kind) =>
            (context.Session.Options.Track & kind) != 0
                ? null
                : context.Result(check, null, AmiHealthStatus.Unknown, $"session '{context.Session.Name}' does not track {kind.ToString().ToLowerInvariant()} (Connect-Ami -Track {kind}, or Test-AmiHealth -ComputerName)");
    }
}
