using System.Collections.Generic;
using System.Globalization;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Queues</c>: one result per queue (its name the target): callers waiting (QueueCallers levels, the value),
    /// the longest wait (QueueWait levels), and Critical when callers wait with no member available to answer.
    /// A PBX without app_queue is Unknown, saying so.
    /// </summary>
    internal sealed class QueuesCheck : TargetedCheck<AmiQueue>
    {
        /// <summary>The name of the longest-wait measure, in seconds.</summary>
        internal const string LongestWait = "LongestWait";

        public QueuesCheck()
            : base("Queues", AmiTrackedState.Queues, "queues")
        {
        }

        protected override AmiHealthResult? Unavailable(AmiHealthContext context)
        {
            if (NotTracked(context) is { } notTracked)
            {
                return notTracked;
            }

            try
            {
                context.Session.Queues.EnsureAvailable();
            }
            catch (AmiFeatureMissingException ex)
            {
                return context.Result(Name, null, AmiHealthStatus.Unknown, ex.Message);
            }

            return context.Session.Queues.Support == AmiQueueSupport.Present
                ? null
                : context.Result(Name, null, AmiHealthStatus.Unknown, "the queues could not be loaded after login (QueueStatus refused or unanswered; Get-AmiLog says why)");
        }

        protected override IReadOnlyList<AmiQueue> Targets(AmiHealthContext context) => context.Session.Queues.GetQueues();

        protected override string TargetName(AmiQueue target) => target.Name;

        protected override AmiHealthResult Judge(AmiHealthContext context, AmiQueue queue)
        {
            var callers = context.Thresholds[AmiHealthThresholds.QueueCallers];
            var waitLevels = context.Thresholds[AmiHealthThresholds.QueueWait];
            var waiting = queue.Callers.Count;
            var wait = queue.GetLongestWait();
            var noOne = waiting > 0 && queue.AvailableMembers == 0;
            var byCallers = callers.Evaluate(waiting);
            var byWait = waitLevels.Evaluate(wait.TotalSeconds);
            var status = noOne ? AmiHealthStatus.Critical : AmiHealthSeverity.Worst(new[] { byCallers, byWait });

            var text = string.Format(CultureInfo.InvariantCulture, "{0} caller{1} waiting", waiting, waiting == 1 ? string.Empty : "s") + callers.Describe(byCallers);
            if (waiting > 0)
            {
                text += ", longest " + AmiDurationText.Format(wait) + waitLevels.Describe(byWait);
            }

            text += string.Format(CultureInfo.InvariantCulture, ", {0} of {1} members available", queue.AvailableMembers, queue.Members.Count);
            if (noOne)
            {
                text += ": nobody to answer";
            }

            return new AmiHealthResult(context.ComputerName, Name, queue.Name, status, text)
            {
                Value = waiting,
                Warning = callers.Warning,
                Critical = callers.Critical,
                // The wait has its own levels (QueueWait), so it is a measure of its own: perfdata graphs it too.
                Measures = new[] { new AmiHealthMeasure(LongestWait, System.Math.Floor(wait.TotalSeconds), waitLevels.Unit, waitLevels.Warning, waitLevels.Critical) },
            };
        }
    }
}
