using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// A completer that offers values from the current runspace's sessions (or a fixed list): the ones starting with
    /// what was typed, each once, quoted when PowerShell would otherwise read them as something else.
    /// </summary>
    public abstract class ValueCompleter : IArgumentCompleter
    {
        private static readonly char[] NeedsQuotes = { ' ', '#', '\'', '$', ';', '(', ')', '{', '}', ',', '@', '`', '"' };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Values(fakeBoundParameters)
                .Where(value => !string.IsNullOrEmpty(value) && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(value => value, StringComparer.OrdinalIgnoreCase)
                .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value));
        }

        /// <summary>Quotes a value that holds characters PowerShell reads as syntax (a '#' starts a comment).</summary>
        public static string Quote(string value) => value.IndexOfAny(NeedsQuotes) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;

        /// <summary>The sessions a command line names with -Session, else the runspace's open sessions.</summary>
        protected static IEnumerable<AmiSession> Sessions(IDictionary? fakeBoundParameters)
        {
            var named = Named(fakeBoundParameters);
            return named.Count > 0 ? named : AmiSessionStore.All;
        }

        /// <summary>The sessions a command line names with -Session (objects or names); empty when it names none.</summary>
        protected static IReadOnlyList<AmiSession> Named(IDictionary? fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Session"];
            var value = given is PSObject wrapped ? wrapped.BaseObject : given;
            return value switch
            {
                AmiSession session => new[] { session },
                string name => AmiSessionStore.Find(name) is { } found ? new[] { found } : Array.Empty<AmiSession>(),
                object[] many => many.Select(o => o is PSObject p ? p.BaseObject : o).OfType<AmiSession>().ToArray(),
                _ => Array.Empty<AmiSession>(),
            };
        }

        protected abstract IEnumerable<string> Values(IDictionary? fakeBoundParameters);
    }

    /// <summary>Completes a call <c>-Id</c> with the tracked calls' ids.</summary>
    public sealed class CallIdCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) =>
            Sessions(fakeBoundParameters).SelectMany(s => s.Calls.GetCalls()).Select(c => c.Id);
    }

    /// <summary>Completes session names (for <c>-Name</c> and <c>-Session</c>, which takes names) with this runspace's sessions.</summary>
    public sealed class SessionNameCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) => AmiSessionStore.All.Select(s => s.Name);
    }

    /// <summary>Completes <c>-Channel</c> with the live channels of the tracked calls.</summary>
    public sealed class ChannelCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) =>
            Sessions(fakeBoundParameters).SelectMany(s => s.Calls.GetCalls(active: true, completed: false))
                .SelectMany(c => c.Channels).Where(leg => leg.EndTime is null).Select(leg => leg.Channel);
    }

    /// <summary>Completes <c>-Exten</c> with the extensions tracked by the sessions.</summary>
    public sealed class ExtensionCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) =>
            Sessions(fakeBoundParameters).SelectMany(s => s.Extensions.GetExtensions()).Select(e => e.Exten);
    }

    /// <summary>Completes <c>-Context</c> with the dialplan contexts of the tracked extensions.</summary>
    public sealed class ContextCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) =>
            Sessions(fakeBoundParameters).SelectMany(s => s.Extensions.GetExtensions()).Select(e => e.Context);
    }

    /// <summary>Completes <c>-EventMask</c> with <c>on</c>, <c>off</c> and Asterisk's event classes (manager.conf <c>read=</c>).</summary>
    public sealed class EventMaskCompleter : ValueCompleter
    {
        private static readonly string[] Masks =
        {
            "on", "off", "system", "call", "log", "verbose", "command", "agent", "user", "config", "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test", "security", "message",
        };

        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) => Masks;
    }

    /// <summary>Completes <c>Invoke-AmiCommand</c> with the Asterisk CLI commands people run most through AMI.</summary>
    public sealed class CliCommandCompleter : ValueCompleter
    {
        private static readonly string[] Commands =
        {
            "core show version", "core show uptime", "core show channels", "core show channels concise", "core show calls",
            "core show hints", "core show settings", "pjsip show endpoints", "pjsip show contacts", "pjsip show registrations",
            "sip show peers", "sip show registry", "queue show", "manager show connected", "manager show commands",
            "dialplan show", "module show", "bridge show all", "core reload", "logger reload",
        };

        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) => Commands;
    }
}
