using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;

namespace AmiPs.Simulator
{
    /// <summary>
    /// The simulated PBX: hinted extensions, a tiny dialplan and the calls in progress. Calls are Local-channel calls that
    /// raise the same events, in the same order, as the recorded Asterisk calls (<c>basic-call.ami</c>, <c>busy-and-noanswer.ami</c>),
    /// with short gaps between their phases (<see cref="AmiSimulatorOptions.StepDelay"/>, <see cref="AmiSimulatorOptions.RingTime"/>).
    /// </summary>
    public sealed class SimulatedPbx
    {
        public const string DefaultContext = "office";

        private readonly ConcurrentDictionary<string, SimulatedExtension> _extensions = new ConcurrentDictionary<string, SimulatedExtension>(StringComparer.Ordinal);
        private readonly List<string> _extensionOrder = new List<string>();
        private readonly Dictionary<string, SimulatedRoute> _routes = new Dictionary<string, SimulatedRoute>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SimulatedChannel> _channels = new ConcurrentDictionary<string, SimulatedChannel>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SimulatedCall, byte> _calls = new ConcurrentDictionary<SimulatedCall, byte>();
        private readonly Action<SimEvent> _raise;
        private readonly long _epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        private CancellationTokenSource _stop = new CancellationTokenSource();
        private int _nextUniqueid = -1;
        private int _nextLocal = -1;
        private int _callsProcessed;

        internal SimulatedPbx(AmiSimulatorOptions options, Action<SimEvent> raise)
        {
            Options = options;
            _raise = raise;
            var extensions = options.Extensions ?? DefaultExtensions();
            foreach (var extension in extensions)
            {
                _extensions[extension.Exten] = extension;
                _extensionOrder.Add(extension.Exten);
            }

            if (options.Extensions is null)
            {
                // The fixtures' extensions.conf: 2000 dials 1001 (answers), 2002 dials 1002 (busy), 2003 dials 9999 for 2 s (nobody answers).
                _routes["2000"] = new SimulatedRoute("1001", 10);
                _routes["2002"] = new SimulatedRoute("1002", 10);
                _routes["2003"] = new SimulatedRoute("9999", 2);
            }
        }

        internal AmiSimulatorOptions Options { get; }

        /// <summary>The hinted extensions with their current state, in configuration order.</summary>
        public IReadOnlyList<SimulatedExtension> Extensions => _extensionOrder.Select(e => _extensions[e]).ToArray(); // the order list never changes after construction

        public IReadOnlyCollection<SimulatedChannel> ActiveChannels => _channels.Values.OrderBy(c => c.Created).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();

        public int ActiveCalls => _calls.Count;

        public int CallsProcessed => Volatile.Read(ref _callsProcessed);

        internal DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

        internal IReadOnlyDictionary<string, SimulatedRoute> Routes => _routes;

        /// <summary>The recorded office: 1001 answers, 1002 is busy, 1003 answers, 1004 does not answer; <c>Custom:</c> hints.</summary>
        public static IReadOnlyList<SimulatedExtension> DefaultExtensions() => new[]
        {
            new SimulatedExtension("1001", DefaultContext, "Custom:1001"),
            new SimulatedExtension("1002", DefaultContext, "Custom:1002") { DefaultOutcome = SimulatedOutcome.Busy },
            new SimulatedExtension("1003", DefaultContext, "Custom:1003"),
            new SimulatedExtension("1004", DefaultContext, "Custom:1004") { DefaultOutcome = SimulatedOutcome.NoAnswer },
        };

        /// <summary>
        /// Places a call from <paramref name="from"/> to extension <paramref name="to"/> and returns its Linkedid at once;
        /// the events follow in real time. <paramref name="talkTime"/> applies to answered calls (default: the options' talk time).
        /// </summary>
        public Task<string> PlaceCallAsync(string from, string to, SimulatedOutcome outcome, TimeSpan talkTime = default, string? callerName = null)
        {
            if (string.IsNullOrWhiteSpace(from))
            {
                throw new ArgumentException("The caller number is empty.", nameof(from));
            }

            if (string.IsNullOrWhiteSpace(to))
            {
                throw new ArgumentException("The extension to call is empty.", nameof(to));
            }

            var call = StartCall(new CallRequest(from, callerName, to, DefaultContext, outcome, talkTime > TimeSpan.Zero ? talkTime : Options.TalkTime));
            return Task.FromResult(call.Linkedid);
        }

        /// <summary>Sets an extension's state and sends <c>ExtensionStatus</c> when it changed. Unknown extensions are an error.</summary>
        public void SetExtensionState(string exten, int status)
        {
            if (!_extensions.ContainsKey(exten))
            {
                throw new ArgumentException($"Extension '{exten}' has no hint in the simulated PBX.", nameof(exten));
            }

            ChangeExtensionState(exten, status);
        }

        /// <summary>Hangs up the call that owns <paramref name="channelName"/> (the Hangup action). False when no such channel.</summary>
        public bool Hangup(string channelName, int cause = 16)
        {
            if (!_channels.TryGetValue(channelName, out var channel) || channel.Call is null)
            {
                return false;
            }

            channel.Call.RequestHangup(cause);
            return true;
        }

        internal SimulatedCall StartCall(CallRequest request)
        {
            var route = _routes.TryGetValue(request.To, out var r) ? r : new SimulatedRoute(request.To, request.Outcome == SimulatedOutcome.NoAnswer ? 2 : 10);
            var call = new SimulatedCall(this, request, route, _stop.Token);
            _calls[call] = 0;
            Interlocked.Increment(ref _callsProcessed);
            call.Start();
            return call;
        }

        /// <summary>What a call to <paramref name="exten"/> does when nobody chose: the target extension's default, no answer for an unhinted one.</summary>
        internal SimulatedOutcome OutcomeFor(string exten)
        {
            var target = _routes.TryGetValue(exten, out var route) ? route.Target : exten;
            return _extensions.TryGetValue(target, out var extension) ? extension.DefaultOutcome : SimulatedOutcome.NoAnswer;
        }

        internal SimulatedExtension? FindExtension(string exten) => _extensions.TryGetValue(exten, out var e) ? e : null;

        internal string NextUniqueid() => _epoch.ToString(CultureInfo.InvariantCulture) + "." + Interlocked.Increment(ref _nextUniqueid).ToString(CultureInfo.InvariantCulture);

        internal string NextLocalSuffix() => Interlocked.Increment(ref _nextLocal).ToString("x8", CultureInfo.InvariantCulture);

        internal void Raise(SimEvent e) => _raise(e);

        internal void AddChannel(SimulatedChannel channel) => _channels[channel.Name] = channel;

        internal void RemoveChannel(SimulatedChannel channel) => _channels.TryRemove(channel.Name, out _);

        internal void CallEnded(SimulatedCall call) => _calls.TryRemove(call, out _);

        internal void ChangeExtensionState(string exten, int status)
        {
            while (_extensions.TryGetValue(exten, out var current))
            {
                if (current.Status == status)
                {
                    return;
                }

                if (_extensions.TryUpdate(exten, current with { Status = status }, current))
                {
                    Raise(new SimEvent("ExtensionStatus", AmiClasses.Call)
                        .Add("Exten", current.Exten)
                        .Add("Context", current.Context)
                        .Add("Hint", current.Hint)
                        .Add("Status", status)
                        .Add("StatusText", AmiStateText.DescribeExtensionState(status)));
                    return;
                }
            }
        }

        /// <summary>Ends every call at once, raising nothing more (the server stops).</summary>
        internal void AbortCalls()
        {
            var old = Interlocked.Exchange(ref _stop, new CancellationTokenSource());
            old.Cancel();
            old.Dispose();
            _calls.Clear();
            _channels.Clear();
        }
    }

    /// <summary>A dialplan extension that dials another (<c>exten => 2000,1,Dial(Local/1001@office,10)</c>).</summary>
    internal sealed record SimulatedRoute(string Target, int TimeoutSeconds);

    /// <summary>What a call is asked to do: who calls, whom, how it ends, and what Originate asked for (when it did).</summary>
    internal sealed record CallRequest(string From, string? CallerName, string To, string Context, SimulatedOutcome Outcome, TimeSpan TalkTime)
    {
        public OriginateInfo? Originate { get; init; }

        public string? ChannelId { get; init; }

        public string? OtherChannelId { get; init; }
    }

    /// <summary>The Originate action behind a call: echoed in <c>OriginateResponse</c>.</summary>
    internal sealed record OriginateInfo(string? ActionId, string Channel, string? Application, string? Data, string? Context, string? Exten, string? Priority, bool Async)
    {
        /// <summary>Completed with true when the call is answered, false when it fails (a synchronous Originate waits on it).</summary>
        public TaskCompletionSource<bool> Result { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
