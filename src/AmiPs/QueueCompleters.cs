using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Completes <c>-Name</c>/<c>-Queue</c> with the queues of the open sessions.</summary>
    public sealed class QueueNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return QueueCompletion.Queues()
                .Select(q => q.Name)
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
        }
    }

    /// <summary>Completes <c>-Interface</c> with the members' interfaces (of the queue given in <c>-Queue</c>, when it is).</summary>
    public sealed class QueueInterfaceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var queue = fakeBoundParameters?["Queue"] as string;
            return QueueCompletion.Queues()
                .Where(q => string.IsNullOrEmpty(queue) || string.Equals(q.Name, queue, StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Members)
                .Where(m => m.Interface.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .GroupBy(m => m.Interface, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(Quote(g.Key), g.Key, CompletionResultType.ParameterValue, $"{g.First().Name} ({string.Join(", ", g.Select(m => m.Queue))})"));
        }

        // Local/1001@office needs no quotes; an interface with a space or a quote does.
        private static string Quote(string text) => text.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')' }) < 0 ? text : "'" + text.Replace("'", "''") + "'";
    }

    internal static class QueueCompletion
    {
        /// <summary>Every queue of every open session that tracks queues on a PBX that has them.</summary>
        public static IEnumerable<AmiQueue> Queues() =>
            AmiSessionStore.All
                .Where(s => (s.Options.Track & AmiTrackedState.Queues) != 0 && s.Queues.Support == AmiQueueSupport.Present)
                .SelectMany(s => s.Queues.GetQueues());
    }
}
