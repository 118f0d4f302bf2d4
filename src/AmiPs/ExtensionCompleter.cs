using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AmiPs.Commands
{
    /// <summary>Completes <c>-Exten</c> with the extensions tracked by the open sessions.</summary>
    public sealed class ExtensionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return AmiSessionStore.All
                .SelectMany(s => s.Extensions.GetExtensions())
                .Where(e => e.Exten.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Exten)
                .Distinct()
                .Select(exten => new CompletionResult(exten, exten, CompletionResultType.ParameterValue, exten));
        }
    }
}
