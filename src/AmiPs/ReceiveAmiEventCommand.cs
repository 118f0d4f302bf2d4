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

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        public string[]? EventType { get; set; }

        [Parameter]
        public DateTimeOffset Since { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

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

                WarnAboutDrops(subscriptions, force: true);
            }
        }

        private void Stream(AmiSubscription[] subscriptions, int first, TimeSpan? timeout)
        {
            var clock = Stopwatch.StartNew();
            var written = 0;
            var lastWarning = Stopwatch.StartNew();
            while (written < first)
            {
                var idle = true;
                foreach (var subscription in subscriptions)
                {
                    while (written < first && subscription.TryRead(out var amiEvent))
                    {
                        WriteObject(amiEvent);
                        written++;
                        idle = false;
                    }
                }

                if (!idle)
                {
                    if (lastWarning.ElapsedMilliseconds > 1000)
                    {
                        WarnAboutDrops(subscriptions, force: false);
                        lastWarning.Restart();
                    }

                    continue;
                }

                if (subscriptions.All(s => s.Completion.IsCompleted))
                {
                    WriteVerbose("The session closed; no more events will come.");
                    return;
                }

                var remaining = timeout is { } limit ? limit - clock.Elapsed : TimeSpan.FromMilliseconds(250);
                if (remaining <= TimeSpan.Zero)
                {
                    WriteVerbose($"No more events within {timeout!.Value.TotalSeconds:0.###} s; stopping.");
                    return;
                }

                var wait = remaining < TimeSpan.FromMilliseconds(250) ? remaining : TimeSpan.FromMilliseconds(250);
                var ready = subscriptions.Select(s => s.WaitToReadAsync(StopToken).AsTask()).ToArray();
                Task.WaitAny(ready, wait);
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        private long _warnedDrops;

        private void WarnAboutDrops(AmiSubscription[] subscriptions, bool force)
        {
            var dropped = subscriptions.Sum(s => s.Dropped);
            if (dropped > _warnedDrops && (force || dropped - _warnedDrops > 0))
            {
                WriteWarning($"{dropped} events were dropped because the pipeline could not keep up (see -BufferSize); Get-AmiStatus shows EventsDropped.");
                _warnedDrops = dropped;
            }
        }
    }
}
