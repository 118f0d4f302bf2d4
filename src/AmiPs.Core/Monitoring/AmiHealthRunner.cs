using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Monitoring.Checks;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// Runs a request's checks on one PBX: on a session that is already open, or on a light session of its own that
    /// it opens and closes. Never throws for what the PBX does: an unreachable host or a refused login is a Critical
    /// Connection result, and every check that could not run is Unknown with the reason.
    /// </summary>
    public static class AmiHealthRunner
    {
        /// <summary>Runs the checks on an open session; results carry the session's host.</summary>
        public static Task<IReadOnlyList<AmiHealthResult>> CheckSessionAsync(AmiSession session, AmiHealthRequest request, CancellationToken cancellationToken = default)
        {
            var context = new AmiHealthContext(session.ComputerName, session, request.Thresholds, request.Filter, null);
            return WithinBudgetAsync(request, cancellationToken, token => RunChecksAsync(context, request.Checks, token));
        }

        /// <summary>Connects a light session to one PBX (<see cref="AmiHealthRequest.LightOptions"/>), runs the checks, logs off.</summary>
        public static Task<IReadOnlyList<AmiHealthResult>> CheckHostAsync(AmiSessionOptions options, NetworkCredential credential, AmiHealthRequest request, CancellationToken cancellationToken = default) =>
            WithinBudgetAsync(request, cancellationToken, token => ConnectAndRunAsync(request.LightOptions(options), credential, request, token));

        private static async Task<IReadOnlyList<AmiHealthResult>> ConnectAndRunAsync(AmiSessionOptions options, NetworkCredential credential, AmiHealthRequest request, CancellationToken cancellationToken)
        {
            var name = options.ComputerName;
            AmiSession session;
            try
            {
                session = new AmiSession(options, credential);
            }
            catch (ArgumentException ex)
            {
                return NotConnected(name, request, ex.Message);
            }

            using (session)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is AmiException or TimeoutException or OperationCanceledException or ArgumentException)
                {
                    // The session's errors already name the host and port and say what to look at.
                    var why = cancellationToken.IsCancellationRequested ? $"no answer from {name}:{options.EffectivePort} within {request.HostBudget.TotalSeconds:0.#} s" : ex.Message;
                    return NotConnected(name, request, why);
                }

                var context = new AmiHealthContext(name, session, request.Thresholds, request.Filter, clock.Elapsed);
                try
                {
                    return await RunChecksAsync(context, request.Checks, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await LogOffAsync(session).ConfigureAwait(false);
                }
            }
        }

        private static async Task<IReadOnlyList<AmiHealthResult>> RunChecksAsync(AmiHealthContext context, IReadOnlyList<IAmiHealthCheck> checks, CancellationToken cancellationToken)
        {
            var results = new List<AmiHealthResult>();
            foreach (var check in checks)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    results.Add(context.Result(check.Name, null, AmiHealthStatus.Unknown, "not checked: the time for this PBX ran out"));
                    continue;
                }

                try
                {
                    results.AddRange(await check.RunAsync(context, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is AmiException or TimeoutException or OperationCanceledException)
                {
                    var why = ex is OperationCanceledException ? "the time for this PBX ran out" : ex.Message;
                    results.Add(context.Result(check.Name, null, AmiHealthStatus.Unknown, "could not check: " + why));
                }
            }

            return results;
        }

        /// <summary>Connection Critical with the reason; every other check Unknown, so each check still reports.</summary>
        private static IReadOnlyList<AmiHealthResult> NotConnected(string computerName, AmiHealthRequest request, string reason) =>
            request.Checks.Select(c => c.Name == ConnectionCheck.CheckName
                ? new AmiHealthResult(computerName, c.Name, null, AmiHealthStatus.Critical, reason)
                : new AmiHealthResult(computerName, c.Name, null, AmiHealthStatus.Unknown, "not checked: no connection to the PBX")).ToArray();

        // The budget bounds a PBX that accepts the connection and then stalls; the user's cancellation still wins.
        private static async Task<IReadOnlyList<AmiHealthResult>> WithinBudgetAsync(AmiHealthRequest request, CancellationToken cancellationToken, Func<CancellationToken, Task<IReadOnlyList<AmiHealthResult>>> run)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(request.HostBudget);
            var results = await run(budget.Token).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return results;
        }

        // Logging off is polite; a PBX that does not answer it must not change the verdict.
        private static async Task LogOffAsync(AmiSession session)
        {
            try
            {
                await session.DisconnectAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AmiException or TimeoutException or OperationCanceledException)
            {
            }
        }
    }
}
