using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Client
{
    /// <summary>
    /// Matches responses and list items to the actions that asked for them, by ActionID only: events caused by one
    /// action can arrive after the response to a later one, and unrelated events interleave. Ids are a per-session
    /// random prefix and a counter; a reply for an id no longer pending (timed out) is not consumed.
    /// </summary>
    internal sealed class ActionCorrelator
    {
        private readonly ConcurrentDictionary<string, PendingAction> _pending = new ConcurrentDictionary<string, PendingAction>(StringComparer.Ordinal);
        private readonly string _prefix;
        private long _next;

        public ActionCorrelator(string prefix)
        {
            _prefix = prefix;
        }

        public int PendingCount => _pending.Count;

        public PendingAction Register(string actionName)
        {
            var id = _prefix + "." + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            var pending = new PendingAction(actionName, id);
            _pending[id] = pending;
            return pending;
        }

        public void Remove(PendingAction pending) => _pending.TryRemove(pending.ActionId, out _);

        /// <summary>Gives <paramref name="message"/> to the action it answers; false when it belongs to nobody (a live event).</summary>
        public bool TryRoute(AmiMessage message, Func<AmiMessage, AmiEvent> toEvent)
        {
            var id = message.ActionId;
            if (id is null || !_pending.TryGetValue(id, out var pending))
            {
                return false;
            }

            return pending.Accept(message, toEvent);
        }

        /// <summary>Fails every pending action at once, as when the connection is lost.</summary>
        public void FailAll(Exception reason)
        {
            foreach (var pending in _pending.Values)
            {
                pending.Fail(reason);
            }

            _pending.Clear();
        }
    }

    /// <summary>One action waiting for its response and, for list actions, its items up to the <c>*Complete</c> event.</summary>
    internal sealed class PendingAction
    {
        private readonly System.Threading.Tasks.TaskCompletionSource<AmiResponse> _completion =
            new System.Threading.Tasks.TaskCompletionSource<AmiResponse>(System.Threading.Tasks.TaskCreationOptions.RunContinuationsAsynchronously);

        private AmiMessage? _response;
        private List<AmiEvent>? _items;

        public PendingAction(string actionName, string actionId)
        {
            ActionName = actionName;
            ActionId = actionId;
        }

        public string ActionName { get; }

        public string ActionId { get; }

        public System.Threading.Tasks.Task<AmiResponse> Task => _completion.Task;

        // Called on the read loop only, so no locking of the fields here.
        public bool Accept(AmiMessage message, Func<AmiMessage, AmiEvent> toEvent)
        {
            if (message.Kind == AmiMessageKind.Response && _response is null)
            {
                if (StartsList(message))
                {
                    _response = message;
                    _items = new List<AmiEvent>();
                    return true;
                }

                _completion.TrySetResult(new AmiResponse(ActionName, message, null, null));
                return true;
            }

            if (message.Kind == AmiMessageKind.Event && _items is not null)
            {
                var item = toEvent(message);
                if (EndsList(message))
                {
                    _completion.TrySetResult(new AmiResponse(ActionName, _response!, _items, item));
                }
                else
                {
                    _items.Add(item);
                }

                return true;
            }

            // An event tied to a plain action (e.g. OriginateResponse of a synchronous Originate) is a live event.
            return false;
        }

        public void Fail(Exception reason) => _completion.TrySetException(reason);

        // "EventList: Complete"; old servers only name the closing event "...Complete".
        private static bool EndsList(AmiMessage item) =>
            string.Equals(item["EventList"], "Complete", StringComparison.OrdinalIgnoreCase)
            || (item["EventList"] is null && item.Name.EndsWith("Complete", StringComparison.OrdinalIgnoreCase));

        // "EventList: start" (one module sends "Start"); Asterisk before 12 said "... will follow" instead.
        private static bool StartsList(AmiMessage response) =>
            string.Equals(response["EventList"], "start", StringComparison.OrdinalIgnoreCase)
            || (response["Message"]?.EndsWith("will follow", StringComparison.OrdinalIgnoreCase) ?? false);
    }
}
