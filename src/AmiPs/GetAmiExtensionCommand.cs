using System.Management.Automation;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Lists hinted extensions and their current states (wildcards allowed in -Exten and -Context).</summary>
    [Cmdlet(VerbsCommon.Get, "AmiExtension")]
    [OutputType(typeof(AmiExtension))]
    public sealed class GetAmiExtensionCommand : AmiSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExtensionCompleter))]
        public string Exten { get; set; } = "*";

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContextCompleter))]
        public string Context { get; set; } = "*";

        protected override void ProcessRecord()
        {
            var exten = new WildcardPattern(Exten, WildcardOptions.IgnoreCase);
            var context = new WildcardPattern(Context, WildcardOptions.IgnoreCase);
            var found = false;
            foreach (var session in ResolveSessions())
            {
                foreach (var extension in session.Extensions.GetExtensions())
                {
                    if (exten.IsMatch(extension.Exten) && context.IsMatch(extension.Context))
                    {
                        found = true;
                        WriteObject(extension);
                    }
                }
            }

            if (!found && !WildcardPattern.ContainsWildcardCharacters(Exten))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No hinted extension '{Exten}' in context '{Context}'."),
                    "AmiExtensionNotFound",
                    ErrorCategory.ObjectNotFound,
                    Exten));
            }
        }
    }
}
