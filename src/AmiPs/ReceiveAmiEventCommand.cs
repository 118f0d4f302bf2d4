using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
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
        private readonly List<AmiSession> _sessions = new List<AmiSession>();

        /// <summary>Event names to receive (ignoring case); all when omitted.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
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

        /// <summary>Events that may wait for the pipeline before the oldest are dropped (and counted).</summary>
        [Parameter]
        [ValidateRange(1, 10_000_000)]
        public int BufferSize { get; set; }

        // Sessions can come from the pipeline one by one; streaming starts once they are all known.
        protected override void ProcessRecord() => _sessions.AddRange(ResolveSessions());

        protected override void EndProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            var options = new AmiSubscriptionOptions
            {
                EventTypes = EventType,
                Since = bound.ContainsKey(nameof(Since)) ? Since : (DateTimeOffset?)null,
                Capacity = bound.ContainsKey(nameof(BufferSize)) ? BufferSize : (int?)null,
            };
            var subscriptions = _sessions.Distinct().Select(s => s.Subscribe(options)).ToArray();
            try
            {
                Stream(subscriptions, bound.ContainsKey(nameof(First)) ? First : int.MaxValue, bound.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null);
            }
            finally
            {
                foreach (var subscription in subscriptions)
                {
                    subscription.Dispose();
                }
            }

            // Not after Ctrl+C: a stopped pipeline takes no more writes.
            WarnAboutDrops(subscriptions);
        }

        /// <summary>
        /// The pipeline thread reads every subscription in turn and writes what it finds; when all are empty it blocks
        /// on one pending wait per subscription (reused until it completes, so a quiet stream piles up no waiters),
        /// at most <see cref="PollInterval"/> at a time, and Ctrl+C ends the wait at once.
        /// </summary>
        private void Stream(AmiSubscription[] subscriptions, int first, TimeSpan? timeout)
        {
            var clock = Stopwatch.StartNew();
            var sinceWarning = Stopwatch.StartNew();
            var waits = new Task<bool>[subscriptions.Length];
            var written = 0;
            while (written < first)
            {
                if (timeout is { } limit && clock.Elapsed >= limit)
                {
                    WriteVerbose($"-Timeout of {limit.TotalSeconds:0.###} s reached after {written} events; stopping.");
                    return;
                }

                var wrote = false;
                foreach (var subscription in subscriptions)
                {
                    // A bounded batch per subscription: merged streams take turns, and a busy stream still sees -Timeout.
                    for (var batch = 0; batch < MaxBatch && written < first && subscription.TryRead(out var amiEvent); batch++)
                    {
                        WriteObject(amiEvent);
                        written++;
                        wrote = true;
                    }
                }

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

                if (subscriptions.All(s => s.Completion.IsCompleted))
                {
                    WriteVerbose("The session closed; no more events will come.");
                    return;
                }

                var pending = new List<Task>(waits.Length);
                for (var i = 0; i < waits.Length; i++)
                {
                    // A closed session's stream is done: waiting on it would return at once, every time.
                    if (subscriptions[i].Completion.IsCompleted)
                    {
                        continue;
                    }

                    if (waits[i] is null || waits[i].IsCompleted)
                    {
                        waits[i] = subscriptions[i].WaitToReadAsync().AsTask();
                    }

                    pending.Add(waits[i]);
                }

                var wait = PollInterval;
                if (timeout is { } total && total - clock.Elapsed < wait)
                {
                    wait = total - clock.Elapsed;
                }

                try
                {
                    Task.WaitAny(pending.ToArray(), wait > TimeSpan.Zero ? (int)Math.Ceiling(wait.TotalMilliseconds) : 0, StopToken);
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(1);
        private const int MaxBatch = 256;

        private long _warnedDrops;

        /// <summary>Warns once per new batch of drops: how many, and where to look.</summary>
        private void WarnAboutDrops(AmiSubscription[] subscriptions)
        {
            var dropped = subscriptions.Sum(s => s.Dropped);
            if (dropped > _warnedDrops)
            {
                WriteWarning($"{dropped} events were dropped because the pipeline could not keep up (see -BufferSize); Get-AmiStatus shows EventsDropped.");
                _warnedDrops = dropped;
            }
        }
    }
}
