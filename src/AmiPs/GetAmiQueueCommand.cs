using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Lists queues with their waiting callers and members (wildcards allowed in -Name).</summary>
    [Cmdlet(VerbsCommon.Get, "AmiQueue")]
    [OutputType(typeof(AmiQueue))]
    public sealed class GetAmiQueueCommand : AmiSessionCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Queue")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(QueueNameCompleter))]
        public string[] Name { get; set; } = { "*" };

        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                if (QueueCmdletSupport.Queues(this, session) is not { } tracker)
                {
                    continue;
                }

                foreach (var name in Name)
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    var found = false;
                    foreach (var queue in tracker.GetQueues())
                    {
                        if (pattern.IsMatch(queue.Name))
                        {
                            found = true;
                            WriteObject(queue);
                        }
                    }

                    if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                    {
                        WriteError(new ErrorRecord(
                            new ItemNotFoundException($"No queue '{name}' on session '{session.Name}'."),
                            "AmiQueueNotFound",
                            ErrorCategory.ObjectNotFound,
                            name));
                    }
                }
            }
        }
    }

    /// <summary>What the queue cmdlets check before they read a session's queues.</summary>
    internal static class QueueCmdletSupport
    {
        /// <summary>The session's queue tracker, or null after writing why there is none to read (not tracked, or no app_queue).</summary>
        public static AmiQueueTracker? Queues(AmiCmdlet cmdlet, AmiSession session)
        {
            if ((session.Options.Track & AmiTrackedState.Queues) == 0)
            {
                cmdlet.WriteError(new ErrorRecord(
                    new PSInvalidOperationException($"Session '{session.Name}' does not track queues: connect with -Track including Queues."),
                    "AmiQueuesNotTracked",
                    ErrorCategory.InvalidOperation,
                    session));
                return null;
            }

            try
            {
                session.Queues.EnsureAvailable();
                return session.Queues;
            }
            catch (AmiFeatureMissingException ex)
            {
                cmdlet.WriteError(AmiErrors.ToErrorRecord(ex, session));
                return null;
            }
        }
    }
}
