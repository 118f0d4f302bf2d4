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
    /// Waits for the first event of the given types that passes <c>-Filter</c>, and returns it. With <c>-Since</c>
    /// the session's history is searched first. The filter runs on the pipeline thread with <c>$_</c> set to the
    /// event. A timeout, or a session that closes first, is a non-terminating error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "AmiEvent")]
    [OutputType(typeof(AmiEvent))]
    public sealed class WaitAmiEventCommand : AmiSessionCmdlet
    {
        private readonly List<AmiSession> _sessions = new List<AmiSession>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        [SupportsWildcards]
        public string[] EventType { get; set; } = Array.Empty<string>();

        /// <summary>A condition on the event (<c>$_</c>); the first event for which it is true is returned.</summary>
        [Parameter(Position = 1)]
        public ScriptBlock? Filter { get; set; }

        /// <summary>How long to wait; without it the wait lasts until an event comes or Ctrl+C.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; }

        /// <summary>Also consider events already in the session's history from this time on.</summary>
        [Parameter]
        public DateTimeOffset Since { get; set; }

        protected override void ProcessRecord() => _sessions.AddRange(ResolveSessions());

        protected override void EndProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            var filter = new EventTypeFilter(EventType);
            var options = new AmiSubscriptionOptions
            {
                EventTypes = filter.Names,
                Since = bound.ContainsKey(nameof(Since)) ? Since : (DateTimeOffset?)null,
            };
            // What happens to the sessions while waiting (a reconnect, say) goes to Verbose and Warning.
            try
            {
                using var streams = OpenStreams(_sessions.Distinct().ToArray(), options);
                var found = WaitForMatch(streams.Subscriptions, filter, bound.ContainsKey(nameof(Timeout)) ? Timeout : (TimeSpan?)null);
                if (found is not null)
                {
                    WriteObject(found);
                }
            }
            finally
            {
                Drain();
            }
        }

        private AmiEvent? WaitForMatch(AmiSubscription[] subscriptions, EventTypeFilter filter, TimeSpan? timeout)
        {
            var clock = Stopwatch.StartNew();
            var waits = new AmiEventWaits(subscriptions);
            while (true)
            {
                foreach (var subscription in subscriptions)
                {
                    while (subscription.TryRead(out var amiEvent))
                    {
                        if (filter.Matches(amiEvent) && Matches(amiEvent))
                        {
                            return amiEvent;
                        }
                    }
                }

                if (waits.AllClosed)
                {
                    WriteError(AmiErrorIds.WaitSessionClosed.Record(
                        new InvalidOperationException($"The session closed before a {string.Join(" or ", EventType)} event came."),
                        EventType));
                    return null;
                }

                var remaining = timeout is { } limit ? limit - clock.Elapsed : Slice;
                if (remaining <= TimeSpan.Zero)
                {
                    WriteError(AmiErrorIds.WaitTimeout.Record(
                        new TimeoutException($"No matching {string.Join(" or ", EventType)} event within {timeout!.Value.TotalSeconds:0.###} s."),
                        EventType));
                    return null;
                }

                WaitSlice(waits.Pending(), remaining < Slice ? remaining : Slice);
            }
        }

        // Runs here, on the pipeline thread, so the filter sees the caller's variables and may write to the host.
        private bool Matches(AmiEvent amiEvent)
        {
            if (Filter is null)
            {
                return true;
            }

            var underscore = new List<PSVariable> { new PSVariable("_", amiEvent), new PSVariable("PSItem", amiEvent) };
            var results = Filter.InvokeWithContext(null, underscore);
            return results.Count > 0 && results.All(r => LanguagePrimitives.IsTrue(r));
        }
    }
}
