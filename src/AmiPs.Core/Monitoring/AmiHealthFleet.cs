using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// Checks many PBXes in parallel, at most <c>throttle</c> at a time, each within the request's
    /// <see cref="AmiHealthRequest.HostBudget"/>; each PBX's results go to <c>sink</c> as soon as that PBX is done.
    /// The sink is called from worker threads: a cmdlet queues there and writes on its pipeline thread.
    /// </summary>
    public static class AmiHealthFleet
    {
        public const int DefaultThrottleLimit = 16;

        public static async Task RunAsync(IReadOnlyList<AmiSessionOptions> hosts, NetworkCredential credential, AmiHealthRequest request, int throttle, Action<IReadOnlyList<AmiHealthResult>> sink, CancellationToken cancellationToken = default)
        {
            if (throttle < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttle), throttle, "The throttle limit must be at least 1.");
            }

            using var gate = new SemaphoreSlim(throttle);
            var runs = hosts.Select(async host =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    sink(await AmiHealthRunner.CheckHostAsync(host, credential, request, cancellationToken).ConfigureAwait(false));
                }
                finally
                {
                    gate.Release();
                }
            }).ToArray();
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
    }
}
