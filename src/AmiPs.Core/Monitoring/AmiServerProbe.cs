using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Monitoring
{
    /// <summary>How long the server has run, and where that figure came from.</summary>
    internal sealed record AmiServerUptime(TimeSpan Uptime, TimeSpan? SinceReload, string Source);

    /// <summary>
    /// The server questions several checks share, each asked at most once per run: <c>CoreStatus</c> (one response)
    /// and <c>CoreShowChannels</c> (a list: the one costly question, asked only by the checks that need channels).
    /// </summary>
    internal sealed class AmiServerProbe
    {
        private readonly AmiSession _session;
        private Task<AmiResponse>? _coreStatus;
        private Task<AmiResponse>? _channels;

        public AmiServerProbe(AmiSession session) => _session = session;

        public Task<AmiResponse> CoreStatusAsync(CancellationToken cancellationToken) =>
            _coreStatus ??= _session.SendActionAsync(new AmiAction("CoreStatus"), null, cancellationToken);

        public Task<AmiResponse> ChannelsAsync(CancellationToken cancellationToken) =>
            _channels ??= _session.SendActionAsync(new AmiAction("CoreShowChannels"), null, cancellationToken);

        /// <summary>
        /// Uptime from the last <c>FullyBooted</c> (sent at login to a session that reads system events: exact
        /// seconds by the server's own clock), else from <c>CoreStatus</c>'s start date and time, which the server
        /// gives in its local time without a zone (read here in this machine's zone, and said so); null when neither.
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

            if (!status.IsSuccess || LocalTime(status["CoreStartupDate"], status["CoreStartupTime"]) is not { } started)
            {
                return null;
            }

            var now = DateTimeOffset.Now;
            var reloaded = LocalTime(status["CoreReloadDate"], status["CoreReloadTime"]);
            return new AmiServerUptime(Max(now - started), reloaded is { } r ? Max(now - r) : null, "CoreStatus, read in this machine's time zone");
        }

        private AmiServerUptime? FromFullyBooted()
        {
            var booted = _session.GetEventHistory().OfType<FullyBootedEvent>().LastOrDefault();
            if (booted?.Uptime is not { } uptime)
            {
                return null;
            }

            var since = DateTimeOffset.Now - booted.Received;
            return new AmiServerUptime(uptime + since, booted.LastReload + since, "FullyBooted at login");
        }

        private static DateTimeOffset? LocalTime(string? date, string? time) =>
            AmiValues.ParseLocalTime($"{date} {time}") is { } local ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Local)) : null;

        private static TimeSpan Max(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
    }
}
