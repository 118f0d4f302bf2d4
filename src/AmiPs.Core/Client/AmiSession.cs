using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>
    /// A connection to one PBX that stays up: it logs in, keeps the link alive with pings, reconnects with backoff
    /// when the link is lost (never after a refused login), and delivers events to subscribers. The credential is
    /// held privately and read only to log in; no property exposes it.
    /// </summary>
    public sealed partial class AmiSession : IDisposable
    {
        private const int StateHistoryLimit = 100;
        private static int s_nextId;

        private readonly NetworkCredential _credential;
        private readonly ActionCorrelator _correlator;
        private readonly AmiEventHub _hub;
        private readonly ReconnectBackoff _backoff;
        private readonly CancellationTokenSource _lifetime = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly List<AmiStateChange> _stateHistory = new List<AmiStateChange>();

        // Trackers beyond calls and extensions, each on when Options.Track includes its Kind.
        private readonly IAmiStateTracker[] _trackers;
        private AmiConnection? _connection;
        private AmiSessionState _state = AmiSessionState.Disconnected;
        // Written and read under _gate (a DateTimeOffset? can tear; the strings are kept with it for one rule).
        private DateTimeOffset? _connectedSince;
        private string? _amiVersion;
        private string? _lastError;
        private int _reconnectCount;
        private int _reconnectAttempt;
        private long _eventsReceived;
        private long _protocolErrors;
        private long _lastPingTicks = -1;
        private bool _closing;

        public AmiSession(AmiSessionOptions options, NetworkCredential credential)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _credential = credential ?? throw new ArgumentNullException(nameof(credential));
            if (string.IsNullOrEmpty(credential.UserName))
            {
                throw new ArgumentException("The credential has no user name: AMI logs in as a user of manager.conf.", nameof(credential));
            }

            Id = Interlocked.Increment(ref s_nextId);
            Name = string.IsNullOrWhiteSpace(options.Name) ? options.ComputerName : options.Name!;
            Log = new AmiSessionLog(Name, options.LogCapacity, options.LoggerFactory);
            _correlator = new ActionCorrelator(NewIdPrefix());
            _hub = new AmiEventHub(options.EventHistorySize, options.SubscriptionCapacity, (message, received) => AmiEventFactory.Create(message, received, Name), LogDrops);
            _backoff = new ReconnectBackoff(options.ReconnectDelay, options.MaxReconnectDelay);
            Calls = new AmiCallTracker(options.CompletedCallLimit, Name);
            Extensions = new AmiExtensionTracker(Name);
            Extensions.Changed += LogExtensionChange;
            _trackers = Array.FindAll(CreateTrackers(), t => (options.Track & t.Kind) != 0);
        }

        /// <summary>Raised (on a background thread) after every state change.</summary>
        public event EventHandler<AmiStateChange>? StateChanged;

        public int Id { get; }

        public string Name { get; }

        public string ComputerName => Options.ComputerName;

        public int Port => Options.EffectivePort;

        public string UserName => _credential.UserName;

        public bool UseTls => Options.UseTls;

        // Not a public property: ConvertTo-Json reflects over a nested object's CLR properties and writes each TimeSpan
        // in the options as its 15 fields (issue 11.8). GetOptions() reads them; in PowerShell $session.Options is a
        // hidden type-data property (AmiPs.types.ps1xml), so scripts read it and JSON and CSV leave the configuration out.
        internal AmiSessionOptions Options { get; }

        /// <summary>The options this session was made with (in PowerShell: <c>$session.Options</c>).</summary>
        public AmiSessionOptions GetOptions() => Options;

        public AmiSessionState State
        {
            get
            {
                lock (_gate)
                {
                    return _state;
                }
            }
        }

        /// <summary>The AMI version from the server's banner.</summary>
        public string? AmiVersion
        {
            get
            {
                lock (_gate)
                {
                    return _amiVersion;
                }
            }
        }

        /// <summary>When the current connection logged in; null while not connected. Read under the lock: a <c>DateTimeOffset?</c> is wider than one atomic write.</summary>
        public DateTimeOffset? ConnectedSince
        {
            get
            {
                lock (_gate)
                {
                    return _connectedSince;
                }
            }
        }

        public int ReconnectCount => Volatile.Read(ref _reconnectCount);

        /// <summary>The last failure's message (a refused login, a lost link, a failed reconnection attempt).</summary>
        public string? LastError
        {
            get
            {
                lock (_gate)
                {
                    return _lastError;
                }
            }
        }

        /// <summary><see cref="GetLastPingRoundTrip"/> as export text (<c>00:00:00.0012345</c>); in PowerShell <c>$session.LastPingRoundTrip</c> is the TimeSpan (type data).</summary>
        public string? LastPingRoundTrip => GetLastPingRoundTrip() is { } ping ? AmiDurationText.Format(ping) : null;

        /// <summary>The last keep-alive ping's round trip; null before the first.</summary>
        public TimeSpan? GetLastPingRoundTrip()
        {
            var ticks = Interlocked.Read(ref _lastPingTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }

        public long EventsReceived => Interlocked.Read(ref _eventsReceived);

        public long EventsDropped => _hub.Dropped;

        public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

        /// <summary>Calls seen on this PBX: active ones and a bounded list of completed ones.</summary>
        public AmiCallTracker Calls { get; }

        /// <summary>Hinted extensions and their current states.</summary>
        public AmiExtensionTracker Extensions { get; }

        /// <summary>The session's background log: what happened between cmdlets.</summary>
        public AmiSessionLog Log { get; }

        public IReadOnlyList<AmiStateChange> StateHistory
        {
            get
            {
                lock (_gate)
                {
                    // A list whose text joins the changes, so Export-Csv writes them instead of the array's type name.
                    return new AmiTextList<AmiStateChange>(_stateHistory.ToArray());
                }
            }
        }

        internal ILogger Logger => Log;

        // Each tracker beyond calls and extensions is created here (and exposed by a property of its own).
        private IAmiStateTracker[] CreateTrackers() => new IAmiStateTracker[]
        {
            Queues = new AmiQueueTracker(Name),
            Endpoints = new AmiEndpointTracker(Name),
            Registrations = new AmiRegistrationTracker(Name),
        };

        private void LogDrops(long count) =>
            Logger.LogWarning(AmiLogEvents.EventsDropped, "A subscriber fell behind: {Count} events dropped (the oldest waiting: it made too little room while the reader waited), {Total} by all subscribers so far", count, _hub.Dropped);

        private void LogExtensionChange(AmiExtension extension) =>
            Logger.LogDebug(AmiLogEvents.ExtensionStatusUpdated, "Extension status updated: {Exten}@{Context} is {Status}", extension.Exten, extension.Context, extension.StatusText);

        /// <summary>Connects and logs in once; on success the session keeps itself connected until disconnected.</summary>
        public async Task ConnectAsync(CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (_state is AmiSessionState.Connected or AmiSessionState.Connecting or AmiSessionState.Reconnecting)
                {
                    throw new InvalidOperationException($"Session '{Name}' is already {_state}.");
                }

                _closing = false;
            }

            SetState(AmiSessionState.Connecting, null);
            AmiConnection connection;
            try
            {
                connection = await OpenAndLoginAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AmiAuthenticationException ex)
            {
                SetState(AmiSessionState.AuthenticationFailed, ex.Message);
                throw;
            }
            catch (Exception ex)
            {
                // Information, not a warning: the caller gets the failure itself as the exception.
                Logger.LogInformation(AmiLogEvents.ConnectFailed, "Connecting to {Endpoint} failed: {Reason}", $"{ComputerName}:{Port}", ex.Message);
                SetState(AmiSessionState.Failed, ex.Message);
                throw;
            }

            await OnConnectedAsync(connection).ConfigureAwait(false);
            _ = Task.Run(() => SuperviseAsync(connection));
        }

        /// <summary>Sends an action and waits for its complete response. Fails at once, with a clear error, when not connected.</summary>
        public Task<AmiResponse> SendActionAsync(AmiAction action, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            if (action is null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            var connection = Volatile.Read(ref _connection);
            if (connection is null || !connection.IsOpen)
            {
                return Task.FromException<AmiResponse>(NotConnected(action.Name));
            }

            return connection.SendAsync(action, timeout ?? Options.ActionTimeout, cancellationToken);
        }

        /// <summary>Runs a CLI command and returns its output lines.</summary>
        public async Task<AmiResponse> InvokeCommandAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            var action = new AmiAction("Command").Add("Command", command);
            return await SendActionAsync(action, timeout, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Starts receiving events; dispose the subscription to stop.</summary>
        public AmiSubscription Subscribe(AmiSubscriptionOptions? options = null) => _hub.Subscribe(options ?? new AmiSubscriptionOptions());

        /// <summary>The events kept in history, oldest first.</summary>
        public IReadOnlyList<AmiEvent> GetEventHistory(DateTimeOffset? since = null) => _hub.GetHistory(since);

        /// <summary>A snapshot for reports: safe to serialise (no secret, no cycle).</summary>
        public AmiSessionStatus GetStatus() => new AmiSessionStatus(this, _hub.SubscriberCount, _correlator.PendingCount);

        /// <summary>Logs off and closes; safe to call more than once. Subscriptions end.</summary>
        public async Task DisconnectAsync()
        {
            AmiConnection? connection;
            lock (_gate)
            {
                _closing = true;
                connection = _connection;
                _connection = null;
            }

            _lifetime.Cancel();
            if (connection is not null)
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                connection.Dispose();
            }

            if (State != AmiSessionState.Disconnected)
            {
                Logger.LogInformation(AmiLogEvents.Disconnected, "Disconnected from {Endpoint}", $"{ComputerName}:{Port}");
                SetState(AmiSessionState.Disconnected, "Disconnected by the user.");
            }

            _hub.CompleteAll();
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _closing = true;
            }

            _lifetime.Cancel();
            Interlocked.Exchange(ref _connection, null)?.Dispose();
            _hub.CompleteAll();
            if (State is not AmiSessionState.Disconnected and not AmiSessionState.Failed and not AmiSessionState.AuthenticationFailed)
            {
                SetState(AmiSessionState.Disconnected, "The session was disposed.");
            }
        }

        public override string ToString() => $"{Name} ({ComputerName}:{Port}, {State})";

        private async Task<AmiConnection> OpenAndLoginAsync(CancellationToken cancellationToken)
        {
            var callbacks = new ConnectionCallbacks(OnMessage, _hub.WakeSubscribers, ToEvent, OnProtocolError, keepRawMessages: _hub.KeepsHistory,
                mustWait: () => _hub.MustWait, waitForRoom: _hub.WaitForRoomAsync);
            var connection = await AmiConnection.OpenAsync(Options, _correlator, callbacks, Logger, cancellationToken).ConfigureAwait(false);
            try
            {
                await AmiLogin.LoginAsync(connection, _credential, Options, Logger, cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private async Task OnConnectedAsync(AmiConnection connection)
        {
            lock (_gate)
            {
                _connection = connection;
                _connectedSince = DateTimeOffset.Now;
                _amiVersion = connection.AmiVersion;
            }

            SetState(AmiSessionState.Connected, null);
            _ = Task.Run(() => KeepAliveAsync(connection));
            await ResyncAsync().ConfigureAwait(false);
        }

        private void OnMessage(AmiMessage message, ReadOnlySpan<byte> raw)
        {
            if (message.Kind != AmiMessageKind.Event)
            {
                return; // a late response whose action already timed out
            }

            Interlocked.Increment(ref _eventsReceived);
            var amiEvent = ToEvent(message);
            if ((Options.Track & AmiTrackedState.Calls) != 0)
            {
                Calls.Apply(amiEvent);
            }

            if ((Options.Track & AmiTrackedState.Extensions) != 0)
            {
                Extensions.Apply(amiEvent);
            }

            foreach (var tracker in _trackers)
            {
                tracker.Apply(amiEvent);
            }

            _hub.Append(amiEvent, raw);
        }

        private AmiEvent ToEvent(AmiMessage message) => AmiEventFactory.Create(message, AmiLocalClock.Now, Name);

        private void OnProtocolError(AmiProtocolError error)
        {
            Interlocked.Increment(ref _protocolErrors);
            Logger.LogWarning(AmiLogEvents.ProtocolError, "Protocol error ({Kind}): {Message}", error.Kind, error.Message);
        }

        private void SetState(AmiSessionState state, string? reason)
        {
            AmiStateChange change;
            lock (_gate)
            {
                if (_state == state && reason is null)
                {
                    return;
                }

                change = new AmiStateChange(_state, state, DateTimeOffset.Now, reason);
                _state = state;
                if (reason is not null && state is not AmiSessionState.Connected and not AmiSessionState.Connecting)
                {
                    _lastError = reason;
                }

                _stateHistory.Add(change);
                if (_stateHistory.Count > StateHistoryLimit)
                {
                    _stateHistory.RemoveAt(0);
                }
            }

            Logger.LogInformation(AmiLogEvents.StateChanged, "State {Previous} -> {State}{Reason}", change.Previous, state, reason is null ? string.Empty : ": " + reason);
            StateChanged?.Invoke(this, change);
        }

        private AmiConnectionException NotConnected(string action)
        {
            var state = State;
            var detail = state switch
            {
                AmiSessionState.Reconnecting => $"it is reconnecting (attempt {Volatile.Read(ref _reconnectAttempt)}); try again once it is Connected",
                AmiSessionState.Failed => "it gave up reconnecting; run Connect-Ami again",
                AmiSessionState.AuthenticationFailed => "the server refused its credentials",
                _ => "it is " + state,
            };
            return new AmiConnectionException(AmiConnectionFailure.NotConnected, $"Cannot send '{action}' on session '{Name}': {detail}.");
        }

        private static string NewIdPrefix()
        {
            var bytes = Guid.NewGuid().ToByteArray();
            return BitConverter.ToString(bytes, 0, 4).Replace("-", string.Empty).ToLowerInvariant();
        }
    }
}
