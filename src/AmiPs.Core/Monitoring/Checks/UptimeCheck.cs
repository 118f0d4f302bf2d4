using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Uptime</c>: how long the server has run, in seconds; under the Warning level (10 minutes by default) it
    /// was restarted since a check that runs every few minutes last looked, and says so.
    /// </summary>
    internal sealed class UptimeCheck : IAmiHealthCheck
    {
        public string Name => "Uptime";

        public AmiTrackedState Needs => AmiTrackedState.None;

        // FullyBooted (exact uptime) is sent at login only to sessions that read system events.
        public string? EventClasses => "system";

        public async Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken)
        {
            var uptime = await context.Probe.UptimeAsync(cancellationToken).ConfigureAwait(false);
            if (uptime is null)
            {
                var status = await context.Probe.CoreStatusAsync(cancellationToken).ConfigureAwait(false);
                return new[] { context.Result(Name, null, AmiHealthStatus.Unknown, "the server gave no uptime (no FullyBooted at login; CoreStatus: " + (status.Message ?? status.Response) + ")") };
            }

            var threshold = context.Thresholds[AmiHealthThresholds.Uptime];
            var restarted = threshold.Evaluate(uptime.Uptime.TotalSeconds) != AmiHealthStatus.Ok;
            var reload = uptime.SinceReload is { } r && r < uptime.Uptime ? ", last reload " + AmiDurationText.Format(r) + " ago" : string.Empty;
            var message = (restarted ? "restarted " + AmiDurationText.Format(uptime.Uptime) + " ago" : "up " + AmiDurationText.Format(uptime.Uptime))
                + reload + " (" + uptime.Source + ")";
            return new[] { threshold.Judge(context, Name, null, System.Math.Floor(uptime.Uptime.TotalSeconds), message) };
        }
    }
}
