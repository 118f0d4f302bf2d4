using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;

namespace AmiPs.Commands
{
    /// <summary>
    /// Completes <c>-Action</c> with the actions the server offers (<c>ListCommands</c>), asked once per session and
    /// cached. Without a connected session, or when the server does not answer within a second, it offers the
    /// common actions.
    /// </summary>
    public sealed class ActionCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);
        private static readonly ConditionalWeakTable<AmiSession, string[]> Cache = new ConditionalWeakTable<AmiSession, string[]>();

        internal static readonly string[] Common =
        {
            "Command", "CoreSettings", "CoreShowChannels", "CoreStatus", "DeviceStateList", "Events", "ExtensionState",
            "ExtensionStateList", "Getvar", "Hangup", "ListCommands", "Logoff", "Originate", "Ping", "QueueStatus",
            "Redirect", "Setvar", "ShowDialPlan", "Status",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ActionsOf(SessionFrom(fakeBoundParameters))
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
        }

        /// <summary>The server's action names, sorted; cached per session once the server has answered.</summary>
        internal static IReadOnlyList<string> ActionsOf(AmiSession? session)
        {
            if (session is null || session.State != AmiSessionState.Connected)
            {
                return Common;
            }

            if (Cache.TryGetValue(session, out var cached))
            {
                return cached;
            }

            // The session asks ListCommands once a connection (its trackers already have, after login) and keeps the answer.
            var ask = session.GetCapabilitiesAsync();
            // Completion runs on the pipeline thread while the user waits: a short, bounded wait, never an exception.
            ((IAsyncResult)ask).AsyncWaitHandle.WaitOne(AskTimeout + AskTimeout);
            if (ask.Status != TaskStatus.RanToCompletion)
            {
                return Common;
            }

            var names = ask.Result.Actions.ToArray();
            if (names.Length == 0)
            {
                return Common;
            }

            return Cache.GetValue(session, _ => names);
        }

        private static AmiSession? SessionFrom(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Session"];
            var value = given is PSObject wrapped ? wrapped.BaseObject : given;
            return value switch
            {
                AmiSession session => session,
                object[] many => many.Select(o => o is PSObject p ? p.BaseObject : o).OfType<AmiSession>().FirstOrDefault(),
                _ => AmiSessionStore.Default,
            };
        }
    }
}
