using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Monitoring
{
    /// <summary>How long the server has run, and where that figure came from.</summary>
    internal sealed record AmiServerUptime(TimeSpan Uptime, TimeSpan? SinceReload, string Source);

    /// <summary>
    /// The server questions several checks share, each asked at most once per run: <c>CoreStatus</c> (one response)
    /// and the live channels (<c>CoreShowChannels</c>, a list: the one costly question, asked only by LongCalls).
    /// </summary>
    internal sealed class AmiServerProbe
    {
        private readonly AmiSession _session;
        private Task<AmiResponse>? _coreStatus;
        private Task<IReadOnlyList<AmiLiveChannel>>? _channels;

        public AmiServerProbe(AmiSession session) => _session = session;

        public Task<AmiResponse> CoreStatusAsync(CancellationToken cancellationToken) =>
            _coreStatus ??= _session.SendActionAsync(new AmiAction("CoreStatus"), null, cancellationToken);

        /// <exception cref="AmiResponseException">The server refused <c>CoreShowChannels</c>.</exception>
        public Task<IReadOnlyList<AmiLiveChannel>> ChannelsAsync(CancellationToken cancellationToken) =>
            _channels ??= _session.GetLiveChannelsAsync(cancellationToken);

        /// <summary>
        /// Uptime from the last <c>FullyBooted</c> (sent at login to a session that reads system events: exact
        /// seconds by the server's own clock), else from the server information (<c>CoreStatus</c>'s start time, which
        /// the server gives in its local time without a zone: read in this machine's zone, and said so); null when neither.
        /// </summary>
        public async Task<AmiServerUptime?> UptimeAsync(CancellationToken cancellationToken)
        {
            if (FromFullyBooted() is { } booted)
            {
                return booted;
            }

            // CoreStatus also orders us after any FullyBooted still on its way: the server sent that before its answer.
            var status = await CoreStatusAsync(cancellationToken).ConfigureAwait(false);
            if (FromFullyBooted() is { } late)
            {
                return late;
            }

            if (!status.IsSuccess)
            {
                return null;
            }

            var info = await _session.GetServerInfoAsync(cancellationToken).ConfigureAwait(false);
            var sinceReload = info.ReloadedAt is { } reloaded ? DateTimeOffset.Now - reloaded : (TimeSpan?)null;
            return info.GetUptime() is { } uptime ? new AmiServerUptime(uptime, sinceReload, "CoreStatus, read in this machine's time zone") : null;
        }

        private AmiServerUptime? FromFullyBooted()
        {
            var booted = _session.GetEventHistory().OfType<FullyBootedEvent>().LastOrDefault();
            if (booted?.GetUptime() is not { } uptime)
            {
                return null;
            }

            var since = DateTimeOffset.Now - booted.Received;
            return new AmiServerUptime(uptime + since, booted.GetLastReload() + since, "FullyBooted at login");
        }
    }
}
