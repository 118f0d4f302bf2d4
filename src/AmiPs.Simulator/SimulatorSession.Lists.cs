using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Protocol;
using AmiPs.Events;

namespace AmiPs.Simulator
{
    /// <summary>
    /// List actions, framed as command-and-lists.ami: a response with <c>EventList: start</c>, items carrying the ActionID,
    /// then <c>...Complete</c> with <c>EventList: Complete</c> and <c>ListItems</c>. Sent as one write so no live event
    /// lands between the items.
    /// </summary>
    internal sealed partial class SimulatorSession
    {
        private void CoreShowChannels(AmiMessage action)
        {
            var now = DateTimeOffset.UtcNow;
            var items = _server.Pbx.ActiveChannels.Reverse().Select(channel =>
            {
                var item = ListItem("CoreShowChannel", action).AddChannel(channel)
                    .Add("Application", channel.Application)
                    .Add("ApplicationData", channel.ApplicationData)
                    .Add("Duration", channel.Duration(now))
                    .Add("BridgeId", channel.BridgeId);
                return item.Body;
            }).ToList();
            SendList(action, "Channels will follow", "CoreShowChannelsComplete", items);
        }

        private void StatusAction(AmiMessage action)
        {
            var wanted = action["Channel"];
            var channels = _server.Pbx.ActiveChannels.Reverse().Where(c => string.IsNullOrEmpty(wanted) || c.Name == wanted).ToList();
            if (!string.IsNullOrEmpty(wanted) && channels.Count == 0)
            {
                Respond(action, "Error", ("Message", "No such channel"));
                return;
            }

            var now = DateTimeOffset.UtcNow;
            var items = channels.Select(channel =>
            {
                // Status items have Privilege and put their ActionID last (the recording shows it so).
                var item = new SimEvent("Status", AmiClasses.None).Add("Privilege", "Call").AddChannel(channel)
                    .Add("Type", "Local")
                    .Add("DNID", string.Empty)
                    .Add("EffectiveConnectedLineNum", SimulatedChannel.Known(channel.ConnectedLineNum))
                    .Add("EffectiveConnectedLineName", SimulatedChannel.Known(SimulatedChannel.Escape(channel.ConnectedLineName)))
                    .Add("TimeToHangup", "0")
                    .Add("BridgeID", channel.BridgeId)
                    .Add("Application", channel.Application)
                    .Add("Data", channel.ApplicationData)
                    .Add("Nativeformats", "(slin)")
                    .Add("Readformat", "slin")
                    .Add("Readtrans", string.Empty)
                    .Add("Writeformat", "slin")
                    .Add("Writetrans", string.Empty)
                    .Add("Callgroup", "0")
                    .Add("Pickupgroup", "0")
                    .Add("Seconds", ((int)(now - channel.Created).TotalSeconds).ToString(CultureInfo.InvariantCulture));
                if (action.ActionId is { } id)
                {
                    item.Add("ActionID", id);
                }

                return item.Body;
            }).ToList();
            SendList(action, "Channel status will follow", "StatusComplete", items, withItems: true);
        }

        private void ExtensionStateList(AmiMessage action)
        {
            var extensions = _server.Pbx.Extensions;
            if (extensions.Count == 0)
            {
                Respond(action, "Error", ("Message", "No dialplan hints are available"));
                return;
            }

            var items = extensions.Select(e => ListItem("ExtensionStatus", action)
                .Add("Exten", e.Exten)
                .Add("Context", e.Context)
                .Add("Hint", e.Hint)
                .Add("Status", e.Status)
                .Add("StatusText", AmiStateText.DescribeExtensionState(e.Status)).Body).ToList();
            SendList(action, "Extension Statuses will follow", "ExtensionStateListComplete", items);
        }

        private void ExtensionStateAction(AmiMessage action)
        {
            var exten = action["Exten"] ?? string.Empty;
            var extension = _server.Pbx.FindExtension(exten);
            var status = extension?.Status ?? -1;
            Respond(action, "Success",
                ("Message", "Extension Status"),
                ("Exten", exten),
                ("Context", action["Context"] ?? SimulatedPbx.DefaultContext),
                ("Hint", extension?.Hint ?? string.Empty),
                ("Status", status.ToString(CultureInfo.InvariantCulture)),
                ("StatusText", AmiStateText.DescribeExtensionState(status)));
        }

        private static SimEvent ListItem(string name, AmiMessage action)
        {
            var item = new SimEvent(name, AmiClasses.None);
            if (action.ActionId is { } id)
            {
                item.Add("ActionID", id);
            }

            return item;
        }

        private void SendList(AmiMessage action, string message, string completeName, List<IReadOnlyList<AmiField>> items, bool withItems = false)
        {
            var buffer = new AmiMessageWriter.ArrayBuffer();
            AmiMessageWriter.WriteMessage(buffer, Message(action, "Success", ("EventList", "start"), ("Message", message)));
            foreach (var item in items)
            {
                if (item.Count == 0 || item[0].Key != "Event")
                {
                    AmiMessageWriter.WriteField(buffer, "Event", ItemName(completeName)); // a list of one kind; mixed lists name each item
                }

                AmiMessageWriter.WriteMessage(buffer, item);
            }

            var complete = new List<AmiField> { new AmiField("Event", completeName) };
            if (action.ActionId is { } id)
            {
                complete.Add(new AmiField("ActionID", id));
            }

            var count = items.Count.ToString(CultureInfo.InvariantCulture);
            complete.Add(new AmiField("EventList", "Complete"));
            complete.Add(new AmiField("ListItems", count));
            if (withItems)
            {
                complete.Add(new AmiField("Items", count));
            }

            AmiMessageWriter.WriteMessage(buffer, complete);
            Send(buffer.ToArray(), events: items.Count + 1);
        }

        private static string ItemName(string completeName) => completeName switch
        {
            "CoreShowChannelsComplete" => "CoreShowChannel",
            "StatusComplete" => "Status",
            _ => "ExtensionStatus",
        };
    }
}
