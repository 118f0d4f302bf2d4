using System.Linq;
using System.Management.Automation;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Lists tracked calls: active ones and the bounded list of completed ones, or one call by id.</summary>
    [Cmdlet(VerbsCommon.Get, "AmiCall", DefaultParameterSetName = nameof(ParameterSets.List))]
    [OutputType(typeof(AmiCall))]
    public sealed class GetAmiCallCommand : AmiSessionCmdlet
    {
        // Not from the pipeline by property name: a piped session's own Id would bind here.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = nameof(ParameterSets.ById))]
        [Alias("CallId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CallIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        [Parameter(ParameterSetName = nameof(ParameterSets.List))]
        public SwitchParameter Active { get; set; }

        [Parameter(ParameterSetName = nameof(ParameterSets.List))]
        public SwitchParameter Completed { get; set; }

        private enum ParameterSets
        {
            List,
            ById,
        }

        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                if (ParameterSetName == nameof(ParameterSets.ById))
                {
                    foreach (var id in Id)
                    {
                        var call = session.Calls.GetCall(id);
                        if (call is null)
                        {
                            WriteError(new ErrorRecord(
                                new ItemNotFoundException($"No call '{id}' on session '{session.Name}' (completed calls are kept up to the session's limit)."),
                                "AmiCallNotFound",
                                ErrorCategory.ObjectNotFound,
                                id));
                        }
                        else
                        {
                            WriteObject(call);
                        }
                    }

                    continue;
                }

                // Neither switch: both lists, as both switches.
                var both = !Active && !Completed;
                foreach (var call in session.Calls.GetCalls(active: Active || both, completed: Completed || both).OrderBy(c => c.StartTime))
                {
                    WriteObject(call);
                }
            }
        }
    }
}
