using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        // The capabilities of one connection: a reconnect may land on an upgraded (or downgraded) server.
        private CapabilitiesOf? _capabilities;

        /// <summary>SIP endpoints (PJSIP, or chan_sip peers) and their contacts; live when <see cref="AmiSessionOptions.Track"/> includes Endpoints.</summary>
        public AmiEndpointTracker Endpoints { get; private set; } = null!;

        /// <summary>Outbound registrations (trunks); live when <see cref="AmiSessionOptions.Track"/> includes Registrations.</summary>
        public AmiRegistrationTracker Registrations { get; private set; } = null!;

        /// <summary>What the server has, as last read on this connection (null until asked: see <see cref="GetCapabilitiesAsync"/>).</summary>
        public AmiServerCapabilities? Capabilities => _capabilities?.Value;

        /// <summary>Whether this session keeps <paramref name="state"/> live from events (<see cref="AmiSessionOptions.Track"/>).</summary>
        public bool IsTracking(AmiTrackedState state) => (Options.Track & state) == state;

        /// <summary>
        /// Which stacks and modules the server has (<c>ListCommands</c>, asked once a connection and kept): what
        /// cmdlets, trackers and health checks branch on. Throws <see cref="AmiResponseException"/> when refused.
        /// </summary>
        public async Task<AmiServerCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default)
        {
            var connection = Volatile.Read(ref _connection);
            var known = Volatile.Read(ref _capabilities);
            if (known is not null && connection is not null && ReferenceEquals(known.Connection, connection))
            {
                return known.Value;
            }

            var response = await SendActionAsync(new AmiAction("ListCommands"), null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new AmiResponseException(response);
            }

            var capabilities = AmiServerCapabilities.FromListCommands(response);
            Volatile.Write(ref _capabilities, new CapabilitiesOf(connection, capabilities));
            return capabilities;
        }

        /// <summary>Versions, start and reload times, load and capabilities (<c>CoreSettings</c>, <c>CoreStatus</c>, <c>ListCommands</c>).</summary>
        public async Task<AmiServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
        {
            var settings = await SendOrThrowAsync(new AmiAction("CoreSettings"), cancellationToken).ConfigureAwait(false);
            var status = await SendOrThrowAsync(new AmiAction("CoreStatus"), cancellationToken).ConfigureAwait(false);
            var capabilities = await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            return new AmiServerInfo(settings, status, capabilities, System.DateTimeOffset.Now, Name);
        }

        /// <summary>The channels up now (<c>CoreShowChannels</c>), in the order the PBX lists them.</summary>
        public async Task<IReadOnlyList<AmiLiveChannel>> GetLiveChannelsAsync(CancellationToken cancellationToken = default)
        {
            var response = await SendOrThrowAsync(new AmiAction("CoreShowChannels"), cancellationToken).ConfigureAwait(false);
            var channels = new List<AmiLiveChannel>(response.Events.Count);
            foreach (var item in response.Events)
            {
                if (item is CoreShowChannelEvent channel)
                {
                    channels.Add(new AmiLiveChannel(channel));
                }
            }

            return channels;
        }

        private async Task<AmiResponse> SendOrThrowAsync(AmiAction action, CancellationToken cancellationToken)
        {
            var response = await SendActionAsync(action, null, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? response : throw new AmiResponseException(response);
        }

        private sealed class CapabilitiesOf
        {
            public CapabilitiesOf(AmiConnection? connection, AmiServerCapabilities value)
            {
                Connection = connection;
                Value = value;
            }

            public AmiConnection? Connection { get; }

            public AmiServerCapabilities Value { get; }
        }
    }
}
