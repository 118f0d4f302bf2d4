using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>
    /// The SIP and server-information actions, field for field as <c>pjsip-lists.ami</c>, <c>ast20-sip-lists.ami</c> and
    /// <c>queue-lists.ami</c> (CoreStatus, CoreSettings). PJSIP actions exist only on a PJSIP server, chan_sip's only on
    /// a chan_sip one, as <c>ListCommands</c> says.
    /// </summary>
    internal sealed partial class SimulatorSession
    {
        /// <summary>Write classes of the actions here (any one of them), as registered in Asterisk.</summary>
        private static readonly Dictionary<string, AmiClasses> PbxAuthority = new Dictionary<string, AmiClasses>(StringComparer.OrdinalIgnoreCase)
        {
            ["ListCommands"] = AmiClasses.None,
            ["CoreStatus"] = AmiClasses.System | AmiClasses.Reporting,
            ["CoreSettings"] = AmiClasses.System | AmiClasses.Reporting,
            ["PJSIPShowEndpoints"] = AmiClasses.System,
            ["PJSIPShowEndpoint"] = AmiClasses.System,
            ["PJSIPShowContacts"] = AmiClasses.System,
            ["PJSIPShowRegistrationsOutbound"] = AmiClasses.System,
            ["PJSIPRegister"] = AmiClasses.System,
            ["PJSIPUnregister"] = AmiClasses.System,
            ["PJSIPQualify"] = AmiClasses.System,
            ["SIPpeers"] = AmiClasses.System | AmiClasses.Reporting,
            ["SIPshowregistry"] = AmiClasses.System | AmiClasses.Reporting,
            ["SIPshowpeer"] = AmiClasses.System | AmiClasses.Reporting,
        };

        /// <summary>The canonical name of an action this file answers on this server, or null.</summary>
        private string? PbxActionName(string name)
        {
            var canonical = PbxAuthority.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
            var stack = _server.Sip.Stack;
            return canonical switch
            {
                null => null,
                _ when canonical.StartsWith("PJSIP", StringComparison.Ordinal) => stack == AmiSimulatorSipStack.Pjsip ? canonical : null,
                _ when canonical.StartsWith("SIP", StringComparison.Ordinal) => stack == AmiSimulatorSipStack.ChanSip ? canonical : null,
                _ => canonical,
            };
        }

        private AmiClasses PbxAuthorityOf(string canonical) => PbxAuthority[canonical];

        private void HandlePbxAction(string canonical, AmiMessage action)
        {
            switch (canonical)
            {
                case "ListCommands":
                    ListCommands(action);
                    break;
                case "CoreStatus":
                    CoreStatus(action);
                    break;
                case "CoreSettings":
                    CoreSettings(action);
                    break;
                case "PJSIPShowEndpoints":
                    PjsipShowEndpoints(action);
                    break;
                case "PJSIPShowEndpoint":
                    PjsipShowEndpoint(action);
                    break;
                case "PJSIPShowContacts":
                    PjsipShowContacts(action);
                    break;
                case "PJSIPShowRegistrationsOutbound":
                    PjsipShowRegistrations(action);
                    break;
                case "PJSIPRegister":
                case "PJSIPUnregister":
                    PjsipRegister(action, canonical == "PJSIPRegister");
                    break;
                case "PJSIPQualify":
                    Respond(action, _server.Sip.FindEndpoint(action["Endpoint"] ?? string.Empty) is null ? "Error" : "Success",
                        ("Message", _server.Sip.FindEndpoint(action["Endpoint"] ?? string.Empty) is null ? "Unable to retrieve endpoint " + action["Endpoint"] : "Endpoint found, will qualify"));
                    break;
                case "SIPpeers":
                    SipPeers(action);
                    break;
                case "SIPshowregistry":
                    SipShowRegistry(action);
                    break;
                case "SIPshowpeer":
                    SipShowPeer(action);
                    break;
            }
        }

        /// <summary>One response, a <c>Name: synopsis  (Priv: classes)</c> line for every action this server answers.</summary>
        private void ListCommands(AmiMessage action)
        {
            var names = Authority.Keys.Where(k => CoreActionName(k) is not null).Concat(PbxAuthority.Keys.Where(k => PbxActionName(k) is not null)).OrderBy(k => k, StringComparer.OrdinalIgnoreCase);
            var fields = names.Select(name =>
            {
                var classes = Authority.TryGetValue(name, out var c) ? c : PbxAuthority[name];
                var priv = classes == AmiClasses.None ? "<none>" : ClassList(classes) + ",all";
                return (name, $"{name} (simulated).  (Priv: {priv})");
            }).ToArray();
            Respond(action, "Success", fields);
        }

        private static string ClassList(AmiClasses classes) =>
            string.Join(",", Enum.GetValues(typeof(AmiClasses)).Cast<AmiClasses>()
                .Where(c => c != AmiClasses.None && c != AmiClasses.All && (classes & c) == c && IsSingleClass(c))
                .Select(c => c.ToString().ToLowerInvariant()));

        private static bool IsSingleClass(AmiClasses c) => ((int)c & ((int)c - 1)) == 0;

        private void CoreStatus(AmiMessage action)
        {
            var started = _server.Started.ToLocalTime();
            Respond(action, "Success",
                ("CoreStartupDate", started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("CoreStartupTime", started.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
                ("CoreReloadDate", started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("CoreReloadTime", started.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
                ("CoreCurrentCalls", _server.Pbx.ActiveChannels.Count.ToString(CultureInfo.InvariantCulture)),
                ("CoreProcessedCalls", _server.Pbx.CallsProcessed.ToString(CultureInfo.InvariantCulture)));
        }

        private void CoreSettings(AmiMessage action) => Respond(action, "Success",
            ("AMIversion", Options.AmiVersion),
            ("AsteriskVersion", Options.AmiVersion.StartsWith("9.", StringComparison.Ordinal) ? "20.20.1" : "GIT-master-f0c1c1a7b7"),
            ("SystemName", string.Empty),
            ("CoreMaxCalls", "0"),
            ("CoreMaxLoadAvg", "0.000000"),
            ("CoreRunUser", string.Empty),
            ("CoreRunGroup", string.Empty),
            ("CoreMaxFilehandles", "0"),
            ("CoreRealTimeEnabled", "No"),
            ("CoreCDRenabled", "Yes"),
            ("CoreHTTPenabled", "No"),
            ("SoundsSearchCustomDir", "No"));

        private void PjsipRegister(AmiMessage action, bool register)
        {
            var name = action["Registration"] ?? string.Empty;
            if (_server.Sip.FindRegistration(name) is null)
            {
                Respond(action, "Error", ("Message", "Unable to retrieve registration " + name));
                return;
            }

            Respond(action, "Success", ("Message", register ? "Reregistration sent" : "Unregistration sent"));
            _ = register ? _server.Sip.Register(name) : _server.Sip.LoseRegistration(name);
        }

        /// <summary>A list: the response, items that name their own event, then the Complete event with ListItems and any extra fields.</summary>
        private void SendItems(AmiMessage action, string message, string completeName, IReadOnlyList<List<AmiField>> items, int? listItems = null, params (string Key, string Value)[] extra)
        {
            var buffer = new AmiMessageWriter.ArrayBuffer();
            AmiMessageWriter.WriteMessage(buffer, Message(action, "Success", ("EventList", "start"), ("Message", message)));
            foreach (var item in items)
            {
                AmiMessageWriter.WriteMessage(buffer, item);
            }

            var complete = Item(completeName, action, ("EventList", "Complete"), ("ListItems", (listItems ?? items.Count).ToString(CultureInfo.InvariantCulture)));
            complete.AddRange(extra.Select(f => new AmiField(f.Key, f.Value)));
            AmiMessageWriter.WriteMessage(buffer, complete);
            Send(buffer.ToArray(), events: items.Count + 1);
        }

        /// <summary><c>Event</c>, <c>ActionID</c> (when the action had one), then the fields.</summary>
        private static List<AmiField> Item(string name, AmiMessage action, params (string Key, string Value)[] fields)
        {
            var list = new List<AmiField>(fields.Length + 2) { new AmiField("Event", name) };
            if (action.ActionId is { } id)
            {
                list.Add(new AmiField("ActionID", id));
            }

            list.AddRange(fields.Select(f => new AmiField(f.Key, f.Value)));
            return list;
        }
    }
}
