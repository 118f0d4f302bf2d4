using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        /// <summary>
        /// Pings every <c>KeepAliveInterval</c>. The peer is declared dead when a Ping stays unanswered for the ping
        /// timeout and the reader, waiting for bytes, got none for as long either (a busy server streaming events is
        /// alive, a half-open socket is not; time the reader spends on what arrived, flow control included, is not
        /// silence); the connection is then aborted and the supervisor reconnects.
        /// </summary>
        private async Task KeepAliveAsync(AmiConnection connection)
        {
            var interval = Options.KeepAliveInterval;
            if (interval <= TimeSpan.Zero)
            {
                return;
            }

            var timeout = Options.EffectivePingTimeout;
            try
            {
                while (connection.IsOpen)
                {
                    var wake = await Task.WhenAny(Task.Delay(interval, _lifetime.Token), connection.Closed).ConfigureAwait(false);
                    if (wake == connection.Closed || _lifetime.IsCancellationRequested)
                    {
                        return;
                    }

                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await connection.SendAsync(new AmiAction("Ping"), timeout, _lifetime.Token).ConfigureAwait(false);
                        Interlocked.Exchange(ref _lastPingTicks, watch.Elapsed.Ticks);
                    }
                    catch (AmiActionTimeoutException)
                    {
                        var silent = connection.SilentFor;
                        if (silent < timeout)
                        {
                            continue; // slow to answer, but talking (or its answer is behind what this end has not read yet)
                        }

                        var reason = $"No answer to a keep-alive Ping within {timeout.TotalSeconds:0.###} s and nothing received for {silent.TotalSeconds:0.#} s: the connection is dead.";
                        Logger.LogWarning(AmiLogEvents.KeepAliveFailed, "{Reason}", reason);
                        connection.Abort(new AmiConnectionException(AmiConnectionFailure.DeadPeer, reason));
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The session is closing.
            }
            catch (AmiConnectionException)
            {
                // The connection went away; the supervisor takes it from here.
            }
        }
    }
}
