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
    /// <see cref="AmiHealthRequest.HostBudget"/>, so the whole run takes at most one budget per round of
    /// <c>throttle</c> PBXes. Each PBX's results go to <c>sink</c> as soon as that PBX is done, from a worker thread:
    /// a cmdlet queues them there and writes them on its pipeline thread.
    /// </summary>
    public static class AmiHealthFleet
    {
        public const int DefaultThrottleLimit = 16;

        /// <summary>
        /// Light sessions of its own to each host, each with its own credential (hosts piped in as objects with a
        /// <c>Credential</c> of their own, as <c>Start-AmiSimulator</c>'s or a CSV's rows).
        /// </summary>
        public static Task CheckHostsAsync(IReadOnlyList<(AmiSessionOptions Options, NetworkCredential Credential)> hosts, AmiHealthRequest request, int throttle, Action<IReadOnlyList<AmiHealthResult>> sink, CancellationToken cancellationToken = default) =>
            RunAsync(hosts, (host, token) => AmiHealthRunner.CheckHostAsync(host.Options, host.Credential, request, token), throttle, sink, cancellationToken);

        /// <summary>Sessions that are already open (<see cref="AmiHealthRunner.CheckSessionAsync"/>).</summary>
        public static Task CheckSessionsAsync(IReadOnlyList<AmiSession> sessions, AmiHealthRequest request, int throttle, Action<IReadOnlyList<AmiHealthResult>> sink, CancellationToken cancellationToken = default) =>
            RunAsync(sessions, (session, token) => AmiHealthRunner.CheckSessionAsync(session, request, token), throttle, sink, cancellationToken);

        private static async Task RunAsync<T>(IReadOnlyList<T> targets, Func<T, CancellationToken, Task<IReadOnlyList<AmiHealthResult>>> check, int throttle, Action<IReadOnlyList<AmiHealthResult>> sink, CancellationToken cancellationToken)
        {
            if (throttle < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttle), throttle, "The throttle limit must be at least 1.");
            }

            using var gate = new SemaphoreSlim(throttle);
            var runs = targets.Select(async target =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    sink(await check(target, cancellationToken).ConfigureAwait(false));
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
