using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>Queues</c>: one result per queue (its name the target): callers waiting (QueueCallers levels, the value),
    /// the longest wait (QueueWait levels), and Critical when callers wait with no member available to answer.
    /// A PBX without app_queue is Unknown, saying so.
    /// </summary>
    internal sealed class QueuesCheck : IAmiHealthCheck
    {
        public string Name => "Queues";

        public AmiTrackedState Needs => AmiTrackedState.Queues;

        public string? EventClasses => null;

        public Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken) => Task.FromResult(Run(context));

        private IReadOnlyList<AmiHealthResult> Run(AmiHealthContext context)
        {
            if (TrackedState.NotTracked(context, Name, AmiTrackedState.Queues) is { } notTracked)
            {
                return new[] { notTracked };
            }

            IReadOnlyList<AmiQueue> queues;
            try
            {
                queues = context.Session.Queues.GetQueues();
            }
            catch (AmiModuleMissingException ex)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Unknown, ex.Message) };
            }

            if (context.Session.Queues.Support != AmiQueueSupport.Present)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Unknown, "the queues could not be loaded after login (QueueStatus refused or unanswered; Get-AmiLog says why)") };
            }

            var chosen = queues.Where(q => context.Filter.Selects(q.Name)).ToList();
            if (chosen.Count == 0)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Ok, queues.Count == 0 ? "no queues configured" : "no queue matches -Include/-Exclude") };
            }

            return chosen.Select(q => Judge(context, q)).ToArray();
        }

        private AmiHealthResult Judge(AmiHealthContext context, AmiQueue queue)
        {
            var callers = context.Thresholds[AmiHealthThresholds.QueueCallers];
            var waitLevels = context.Thresholds[AmiHealthThresholds.QueueWait];
            var waiting = queue.Callers.Count;
            var wait = queue.LongestWait;
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
            };
        }
    }
}
