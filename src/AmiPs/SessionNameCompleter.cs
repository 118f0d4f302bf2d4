using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AmiPs.Commands
{
    /// <summary>
    /// Completes session names with the sessions open in this process. For a <c>-Session</c> parameter (which takes
    /// session objects) it completes to <c>(Get-AmiSession -Name 'name')</c>.
    /// </summary>
    public sealed class SessionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var asObject = string.Equals(parameterName, "Session", StringComparison.OrdinalIgnoreCase);
            return AmiSessionStore.All
                .Where(s => s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(s => new CompletionResult(
                    asObject ? "(Get-AmiSession -Name '" + s.Name.Replace("'", "''") + "')" : Quote(s.Name),
                    s.Name,
                    CompletionResultType.ParameterValue,
                    s.ToString()));
        }

        // Names such as "pbx#2" need quotes, or the rest of the line becomes a comment.
        private static string Quote(string name) => name.IndexOfAny(new[] { ' ', '#', '\'', '$', ';', '(', ')', '{', '}', ',' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
