using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        /// <summary>
        /// Watches the current connection; when it is lost for any reason (close, reset, dead peer, protocol
        /// failure) reconnects with backoff, at most <c>MaxReconnectAttempts</c> times, never after a refused login.
        /// </summary>
        private async Task SuperviseAsync(AmiConnection connection)
        {
            while (true)
            {
                var reason = await connection.Closed.ConfigureAwait(false);
                connection.Dispose();
                if (IsClosing)
                {
                    return;
                }

                var why = reason?.Message ?? "The connection was closed.";
                Logger.LogWarning(AmiLogEvents.ConnectionClosed, "Connection closed: {Reason}", why);
                lock (_gate)
                {
                    _connection = null;
                    _connectedSince = null;
                }

                if (!Options.Reconnect)
                {
                    SetState(AmiSessionState.Disconnected, why + " Reconnect is off (-NoReconnect).");
                    _hub.CompleteAll();
                    return;
                }

                SetState(AmiSessionState.Reconnecting, why);
                var next = await ReconnectAsync().ConfigureAwait(false);
                if (next is null)
                {
                    return;
                }

                connection = next;
            }
        }

        private bool IsClosing
        {
            get
            {
                lock (_gate)
                {
                    return _closing;
                }
            }
        }

        private async Task<AmiConnection?> ReconnectAsync()
        {
            var max = Options.MaxReconnectAttempts;
            for (var attempt = 1; max == 0 || attempt <= max; attempt++)
            {
                Volatile.Write(ref _reconnectAttempt, attempt);
                var delay = _backoff.Delay(attempt);
                Logger.LogInformation(
                    AmiLogEvents.ReconnectScheduled,
                    "Scheduling reconnection attempt {Attempt}/{Max} in {Delay} ms",
                    attempt,
                    max == 0 ? "unlimited" : max.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _lifetime.Token).ConfigureAwait(false);
                    var connection = await OpenAndLoginAsync(_lifetime.Token).ConfigureAwait(false);
                    if (IsClosing)
                    {
                        connection.Dispose();
                        return null;
                    }

                    Interlocked.Increment(ref _reconnectCount);
                    Logger.LogInformation(AmiLogEvents.Reconnected, "Reconnected on attempt {Attempt}", attempt);
                    await OnConnectedAsync(connection).ConfigureAwait(false);
                    return connection;
                }
                catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
                {
                    return null;
                }
                catch (AmiAuthenticationException ex)
                {
                    // Retrying a refused login cannot help and can lock the user out.
                    SetState(AmiSessionState.AuthenticationFailed, ex.Message);
                    _hub.CompleteAll();
                    return null;
                }
                catch (AmiException ex)
                {
                    lock (_gate)
                    {
                        _lastError = ex.Message;
                    }

                    Logger.LogWarning(AmiLogEvents.ReconnectFailed, "Reconnection attempt {Attempt} failed: {Reason}", attempt, ex.Message);
                }
            }

            Logger.LogError(AmiLogEvents.ReconnectGaveUp, "Gave up after {Attempts} reconnection attempts", max);
            SetState(AmiSessionState.Failed, $"Gave up after {max} reconnection attempts; last error: {LastError}");
            _hub.CompleteAll();
            return null;
        }
    }
}
