using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmiPs.Simulator
{
    /// <summary>
    /// An AMI server that behaves like Asterisk (banner, login, actions, lists, live call events), built on AmiPs.Core's
    /// parser and writer. For tests, demos and load: calls, traffic, event floods and faults on demand.
    /// Traffic and flood are in AmiSimulator.Load.cs.
    /// </summary>
    public sealed partial class AmiSimulator : IDisposable, IAsyncDisposable
    {
        private readonly ConcurrentDictionary<SimulatorSession, byte> _sessions = new ConcurrentDictionary<SimulatorSession, byte>();
        private readonly object _listenLock = new object();
        private readonly CancellationTokenSource _stopped = new CancellationTokenSource();
        private Socket? _listener;
        private int _totalConnections;
        private long _eventsSent;
        private int _nextSessionId;
        private int _stopping;
        private long _startedTicks;

        private AmiSimulator(AmiSimulatorOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("AmiPs.Simulator");
            Pbx = new SimulatedPbx(options, Broadcast);
            Sip = new SimulatedSip(options, Broadcast);
            Faults = new AmiSimulatorFaults(this);
            MarkStarted(options.Uptime);
        }

        // Internal, with GetOptions() for callers: the options are configuration (TimeSpans that ConvertTo-Json writes as
        // 15 fields, the certificate, the logger factory), so they stay out of exports of the simulator, as a session's
        // options do; in PowerShell $sim.Simulator.Options is a hidden script property (AmiPs.types.ps1xml).
        internal AmiSimulatorOptions Options { get; }

        public int Port { get; private set; }

        /// <summary>The options it was started with (users without their secrets, SIP endpoints without passwords).</summary>
        public AmiSimulatorOptions GetOptions() => Options;

        public IPEndPoint EndPoint => new IPEndPoint(Options.Address, Port);

        /// <summary>Sessions open now.</summary>
        public int ConnectionCount => _sessions.Count;

        /// <summary>Connections accepted since start.</summary>
        public int TotalConnections => Volatile.Read(ref _totalConnections);

        /// <summary>Events written to sockets (live events, flood events and list items).</summary>
        public long EventsSent => Interlocked.Read(ref _eventsSent);

        public SimulatedPbx Pbx { get; }

        /// <summary>The SIP endpoints and registrations, with faults on demand.</summary>
        public SimulatedSip Sip { get; }

        public AmiSimulatorFaults Faults { get; }

        public bool IsListening
        {
            get
            {
                lock (_listenLock)
                {
                    return _listener is not null;
                }
            }
        }

        internal ILogger Logger { get; }

        /// <summary>When the simulated Asterisk started (its uptime's origin): <see cref="AmiSimulatorOptions.Uptime"/> before now at first, now again after a restart.</summary>
        public DateTimeOffset Started => new DateTimeOffset(Interlocked.Read(ref _startedTicks), TimeSpan.Zero);

        internal void MarkStarted(TimeSpan uptime) => Interlocked.Exchange(ref _startedTicks, (DateTimeOffset.UtcNow - uptime).UtcTicks);

        /// <summary>Starts listening; with <see cref="AmiSimulatorOptions.TrafficCallsPerSecond"/> above 0, traffic starts too.</summary>
        public static Task<AmiSimulator> StartAsync(AmiSimulatorOptions options, CancellationToken ct = default)
        {
            ct.ThrowIfCancellationRequested();
            Validate(options);
            var simulator = new AmiSimulator(options);
            simulator.Listen(options.Port);
            if (options.TrafficCallsPerSecond > 0)
            {
                simulator.StartTraffic(options.TrafficCallsPerSecond);
            }

            return Task.FromResult(simulator);
        }

        /// <summary>Stops traffic and calls, closes every session and the listener. Safe to repeat.</summary>
        private static void Validate(AmiSimulatorOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.Port is < 0 or > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Port, "The port must be 0 (any free port) to 65535.");
            }

            if (options.Users is null || options.Address is null || options.AmiVersion is null)
            {
                throw new ArgumentException("Users, Address and AmiVersion must be set.", nameof(options));
            }

            foreach (var user in options.Users)
            {
                if (string.IsNullOrEmpty(user.UserName) || string.IsNullOrEmpty(user.Secret))
                {
                    throw new ArgumentException("Every simulator user needs a name and a secret; there is no default password.", nameof(options));
                }
            }

            if (options.TrafficCallsPerSecond < 0 || options.AuthFailureDelay < TimeSpan.Zero || options.StepDelay < TimeSpan.Zero || options.RingTime < TimeSpan.Zero || options.TalkTime < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Rates and times cannot be negative.");
            }
        }

        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopping, 1) == 1)
            {
                return;
            }

            StopTraffic();
            _stopped.Cancel();
            StopListening();
            Pbx.AbortCalls();
            var sessions = _sessions.Keys.ToArray();
            foreach (var session in sessions)
            {
                session.Close();
            }

            await Task.WhenAll(sessions.Select(s => s.Completion)).ConfigureAwait(false);
            Logger.LogInformation(SimulatorLogEvents.Stopped, "AMI simulator on port {Port} stopped", Port);
        }

        public void Dispose() => StopAsync().GetAwaiter().GetResult();

        public ValueTask DisposeAsync() => new ValueTask(StopAsync());

        public override string ToString() => $"AMI simulator {EndPoint} ({ConnectionCount} sessions, {Pbx.ActiveCalls} calls)";

        internal System.Collections.Generic.ICollection<SimulatorSession> Sessions => _sessions.Keys;

        internal void CountEventsSent(long count) => Interlocked.Add(ref _eventsSent, count);

        internal void Listen(int port)
        {
            var socket = new Socket(Options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    // Listening again on the same port (Restart) must not fail on sockets in TIME_WAIT.
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }

                socket.Bind(new IPEndPoint(Options.Address, port));
                socket.Listen(128);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            lock (_listenLock)
            {
                _listener = socket;
                Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }

            Logger.LogInformation(SimulatorLogEvents.Listening, "AMI simulator listening on {EndPoint}", EndPoint);
            _ = AcceptLoopAsync(socket);
        }

        internal void StopListening()
        {
            Socket? listener;
            lock (_listenLock)
            {
                listener = _listener;
                _listener = null;
            }

            listener?.Dispose();
        }

        internal bool IsStopping => Volatile.Read(ref _stopping) == 1;

        private async Task AcceptLoopAsync(Socket listener)
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return; // the listener was closed (stop, restart, refusing)
                }

                client.NoDelay = true;
                Interlocked.Increment(ref _totalConnections);
                var session = new SimulatorSession(this, client, Interlocked.Increment(ref _nextSessionId));
                _sessions[session] = 0;
                _ = RunSessionAsync(session);
            }
        }

        private async Task RunSessionAsync(SimulatorSession session)
        {
            try
            {
                await session.RunAsync(_stopped.Token).ConfigureAwait(false);
            }
            finally
            {
                _sessions.TryRemove(session, out _);
            }
        }

        /// <summary>Sends a live event to every logged-in session that reads its class; framed once.</summary>
        internal void Broadcast(SimEvent e)
        {
            byte[]? frame = null;
            foreach (var session in _sessions.Keys)
            {
                if (session.Reads(e.Class))
                {
                    frame ??= e.Frame(Options.TimestampEvents, DateTimeOffset.UtcNow);
                    session.SendLiveEvent(e.Class, frame);
                }
            }
        }
    }
}
