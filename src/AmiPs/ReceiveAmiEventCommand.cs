using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Commands
{
    /// <summary>
    /// Streams events into the pipeline as they arrive, written on the pipeline thread. With several sessions the
    /// streams are merged. <c>-Since</c> replays history first, then goes on live with no gap and no duplicate.
    /// Ctrl+C, <c>-First</c> and <c>-Timeout</c> end the stream; none of them is an error.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "AmiEvent")]
    [OutputType(typeof(AmiEvent))]
    public sealed class ReceiveAmiEventCommand : AmiSessionCmdlet
    {
        private const int MaxBatch = 256;
        private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(1);

        private readonly List<AmiSession> _sessions = new List<AmiSession>();
        private long _warnedDrops;
        private int _first = int.MaxValue;
        private int _written;

        /// <summary>Event names to receive (ignoring case, wildcards allowed: Bridge*); all when omitted.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        [SupportsWildcards]
        public string[]? EventType { get; set; }

        /// <summary>First replay the session's history from this time on (by receive time), then go on live.</summary>
        [Parameter]
        public DateTimeOffset Since { get; set; }

        /// <summary>Stop after this many events.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        /// <summary>Stop this long after starting (a number is seconds), whether or not events came; not an error.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; }

        /// <summary>Events that may wait for the pipeline: when full the session waits for it (50 ms at most at a time); a stalled pipeline's oldest are dropped (and counted).</summary>
        [Parameter]
        [ValidateRange(1, 10_000_000)]
        public int BufferSize { get; set; }

        // Sessions can come from the pipeline one by one; streaming starts once they are all known.
        protected override void ProcessRecord() => _sessions.AddRange(ResolveSessions());

        protected override void EndProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            var filter = new EventTypeFilter(EventType);
            var options = new AmiSubscriptionOptions
            {
                EventTypes = filter.Names,
                Since = bound.ContainsKey(nameof(Since)) ? Since : (DateTimeOffset?)null,
                Capacity = bound.ContainsKey(nameof(BufferSize)) ? BufferSize : (int?)null,
            };
            _first = bound.ContainsKey(nameof(First)) ? First : int.MaxValue;
            // What happens to the sessions while streaming (a reconnect, say) goes to Verbose and Warning; drops are
            // left out, as this cmdlet warns of its own in words that say what to do (-BufferSize, -First).
            AmiSubscription[] subscriptions;
            using (var streams = OpenStreams(_sessions.Distinct().ToArray(), options, AmiLogEvents.EventsDropped.Id))
            {
                subscriptions = streams.Subscriptions;
                Stream(subscriptions, filter, bound.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null);
            }

            // Not after Ctrl+C: a stopped pipeline takes no more writes.
            Drain();
            WarnAboutDrops(subscriptions);
        }

        /// <summary>
        /// The pipeline thread reads every subscription in turn and writes what it finds; when all are empty it waits
        /// one slice on the subscriptions' reused waits (<see cref="AmiEventWaits"/>), and Ctrl+C ends the wait at once.
        /// </summary>
        private void Stream(AmiSubscription[] subscriptions, EventTypeFilter filter, TimeSpan? timeout)
        {
            var clock = Stopwatch.StartNew();
            var sinceWarning = Stopwatch.StartNew();
            var waits = new AmiEventWaits(subscriptions);
            while (_written < _first)
            {
                if (timeout is { } limit && clock.Elapsed >= limit)
                {
                    WriteVerbose($"-Timeout of {limit.TotalSeconds:0.###} s reached after {_written} events; stopping.");
                    return;
                }

                var wrote = false;
                foreach (var subscription in subscriptions)
                {
                    // A bounded batch per subscription: merged streams take turns, and a busy stream still sees -Timeout.
                    for (var batch = 0; batch < MaxBatch && _written < _first && subscription.TryRead(out var amiEvent); batch++)
                    {
                        if (filter.Matches(amiEvent))
                        {
                            WriteObject(amiEvent);
                            _written++;
                            wrote = true;
                        }
                    }
                }

                Drain();
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                if (sinceWarning.Elapsed >= WarningInterval)
                {
                    WarnAboutDrops(subscriptions);
                    sinceWarning.Restart();
                }

                if (wrote)
                {
                    continue;
                }

                if (waits.AllClosed)
                {
                    WriteVerbose("The session closed; no more events will come.");
                    return;
                }

                var wait = Slice;
                if (timeout is { } total && total - clock.Elapsed < wait)
                {
                    wait = total - clock.Elapsed;
                }

                WaitSlice(waits.Pending(), wait);
            }
        }

        /// <summary>Warns once per new batch of drops: how many, and where to look.</summary>
        private void WarnAboutDrops(AmiSubscription[] subscriptions)
        {
            var dropped = subscriptions.Sum(s => s.Dropped);
            if (dropped > _warnedDrops)
            {
                var first = _first == int.MaxValue ? string.Empty
                    : $" -First {_first} counts only events written ({_written} so far): dropped events never count, so the stream may wait for more; bound it with -Timeout.";
                WriteWarning($"{dropped} events were dropped because the pipeline stalled (took too few events while the session waited for it; see -BufferSize); Get-AmiStatus shows EventsDropped.{first}");
                _warnedDrops = dropped;
            }
        }
    }
}
