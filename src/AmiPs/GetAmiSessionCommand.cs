using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>Lists the open sessions, optionally by name (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Get, "AmiSession")]
    [OutputType(typeof(AmiSession))]
    public sealed class GetAmiSessionCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var wanted in Name ?? new[] { "*" })
            {
                var pattern = new WildcardPattern(wanted, WildcardOptions.IgnoreCase);
                var found = false;
                foreach (var session in AmiSessionStore.All)
                {
                    if (pattern.IsMatch(session.Name))
                    {
                        found = true;
                        WriteObject(session);
                    }
                }

                if (!found && !WildcardPattern.ContainsWildcardCharacters(wanted))
                {
                    WriteError(AmiErrorIds.SessionNotFound.Record(
                        new ItemNotFoundException($"No AMI session named '{wanted}'."),
                        wanted));
                }
            }
        }
    }
}
