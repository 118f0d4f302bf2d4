using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>Completes a <c>-Name</c> with names the open sessions already know (nothing is asked of the PBX while typing).</summary>
    public abstract class PbxNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return AmiSessionStore.All
                .SelectMany(Names)
                .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
        }

        /// <summary>The names one session knows.</summary>
        protected abstract IEnumerable<string> Names(AmiSession session);

        // A channel name like Local/2000@office-00000001;1 needs quotes (the ';').
        private static string Quote(string name) => name.IndexOfAny(new[] { ';', ' ', '$', '`', '\'' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
    }

    /// <summary>Completes <c>Get-AmiEndpoint -Name</c>.</summary>
    public sealed class EndpointNameCompleter : PbxNameCompleter
    {
        protected override IEnumerable<string> Names(AmiSession session) => session.Endpoints.GetEndpoints().Select(e => e.Name);
    }

    /// <summary>Completes <c>Get-AmiRegistration -Name</c>.</summary>
    public sealed class RegistrationNameCompleter : PbxNameCompleter
    {
        protected override IEnumerable<string> Names(AmiSession session) => session.Registrations.GetRegistrations().Select(r => r.Name);
    }

    /// <summary>Completes <c>Get-AmiChannel -Name</c> with the channels of the calls a session tracks.</summary>
    public sealed class ChannelNameCompleter : PbxNameCompleter
    {
        protected override IEnumerable<string> Names(AmiSession session) =>
            session.Calls.GetCalls(active: true, completed: false).SelectMany(c => c.Channels).Where(l => l.EndTime is null).Select(l => l.Channel);
    }
}
