using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
    public sealed class ActionCompleter : ValueCompleter
    {
        private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);
        private static readonly ConditionalWeakTable<AmiSession, string[]> Cache = new ConditionalWeakTable<AmiSession, string[]>();

        internal static readonly string[] Common =
        {
            "Command", "CoreSettings", "CoreShowChannels", "CoreStatus", "DeviceStateList", "Events", "ExtensionState",
            "ExtensionStateList", "Getvar", "Hangup", "ListCommands", "Logoff", "Originate", "Ping", "QueueStatus",
            "Redirect", "Setvar", "ShowDialPlan", "Status",
        };

        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) =>
            ActionsOf(Named(fakeBoundParameters).FirstOrDefault() ?? AmiSessionStore.Default);

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
    }
}
