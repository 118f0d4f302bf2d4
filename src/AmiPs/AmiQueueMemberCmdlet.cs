using System;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>
    /// Base of the cmdlets that change a queue member: <c>-Queue</c> and <c>-Interface</c> (also by property name from
    /// the members of <c>Get-AmiQueue</c>), ShouldProcess, the action, and the member as events show it afterwards.
    /// </summary>
    public abstract class AmiQueueMemberCmdlet : AmiSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(QueueNameCompleter))]
        public string Queue { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(QueueInterfaceCompleter))]
        public string Interface { get; set; } = string.Empty;

        /// <summary>
        /// Asks the PBX for a change to the member and writes the member once an event shows it (<paramref name="done"/>),
        /// waiting at most the session's action timeout; nothing is written when the member is gone afterwards.
        /// </summary>
        protected void Change(string verb, Func<AmiAction> newAction, Func<AmiQueueMember?, bool> done)
        {
            foreach (var session in ResolveSessions())
            {
                var target = $"{Interface} in queue {Queue} on {session.Name}";
                if (QueueCmdletSupport.Queues(this, session) is not { } queues || !ShouldProcess(target, verb))
                {
                    continue;
                }

                try
                {
                    var action = newAction(); // refuses CR/LF in a value, before anything is sent
                    var response = Await(session.SendActionAsync(action, null, StopToken));
                    if (!response.IsSuccess)
                    {
                        WriteError(AmiErrors.FromResponse(response));
                        continue;
                    }

                    var timeout = session.Options.ActionTimeout;
                    var member = Await(queues.WaitForMemberAsync(Queue, Interface, done, timeout, StopToken));
                    if (!done(member))
                    {
                        WriteWarning($"The PBX accepted {action.Name} for {target}, but no event showed the change within {timeout.TotalSeconds:0.#} s; the member is shown as last reported.");
                    }

                    if (member is not null)
                    {
                        WriteObject(member);
                    }
                }
                catch (Exception ex) when (ex is AmiException or ArgumentException)
                {
                    WriteAmiError(ex, target);
                }
            }
        }

        /// <summary>A new action naming the queue and interface.</summary>
        protected AmiAction NewAction(string name) => new AmiAction(name).Add("Queue", Queue).Add("Interface", Interface);
    }
}
