using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>app_queue's actions, with its answer texts (<c>queue-lists.ami</c>, <c>queue-call.ami</c>).</summary>
    internal sealed partial class SimulatorSession
    {
        private void QueueStatusAction(AmiMessage action) =>
            _server.Queues.Status(action["Queue"], action["Member"], action.ActionId, items => SendList(action, "Queue status will follow", "QueueStatusComplete", items));

        private void QueueSummaryAction(AmiMessage action) =>
            SendList(action, "Queue summary will follow", "QueueSummaryComplete", _server.Queues.Summary(action["Queue"], action.ActionId));

        private void QueuePauseAction(AmiMessage action)
        {
            if (Required(action, "Interface") is not { } iface || Required(action, "Paused") is not { } paused)
            {
                return;
            }

            _server.Queues.Pause(action["Queue"], iface, IsTrue(paused), action["Reason"], result => Answer(action, result));
        }

        private void QueueAddAction(AmiMessage action)
        {
            if (Required(action, "Queue") is not { } queue || Required(action, "Interface") is not { } iface)
            {
                return;
            }

            var penalty = int.TryParse(action["Penalty"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 0;
            var member = new SimulatedQueueMemberConfig(iface, NullIfEmpty(action["MemberName"]), NullIfEmpty(action["StateInterface"])) { Penalty = penalty, Paused = IsTrue(action["Paused"]) };
            _server.Queues.Add(queue, member, result => Answer(action, result));
        }

        private void QueueRemoveAction(AmiMessage action)
        {
            if (Required(action, "Queue") is not { } queue || Required(action, "Interface") is not { } iface)
            {
                return;
            }

            _server.Queues.Remove(queue, iface, result => Answer(action, result));
        }

        private void QueuePenaltyAction(AmiMessage action)
        {
            if (Required(action, "Interface") is not { } iface || Required(action, "Penalty") is not { } text)
            {
                return;
            }

            var penalty = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : -1;
            _server.Queues.SetPenalty(action["Queue"], iface, penalty, result => Answer(action, result));
        }

        // app_queue answers a missing field with "'Interface' not specified."
        private string? Required(AmiMessage action, string key)
        {
            var value = action[key];
            if (string.IsNullOrEmpty(value))
            {
                Respond(action, "Error", ("Message", $"'{key}' not specified."));
                return null;
            }

            return value;
        }

        private void Answer(AmiMessage action, SimulatedQueues.QueueActionResult result) =>
            Respond(action, result.Success ? "Success" : "Error", ("Message", result.Message));

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
