using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>The PJSIP and chan_sip list actions, item for item and key for key as the real transcripts record them.</summary>
    internal sealed partial class SimulatorSession
    {
        private void PjsipShowEndpoints(AmiMessage action)
        {
            var endpoints = _server.Sip.Endpoints;
            if (endpoints.Count == 0)
            {
                Respond(action, "Error", ("Message", "No endpoints found"));
                return;
            }

            var items = endpoints.Select(e => Item("EndpointList", action,
                ("ObjectType", "endpoint"),
                ("ObjectName", e.Name),
                ("Transport", "transport-udp"),
                ("Aor", e.Name),
                ("Auths", AuthName(e)),
                ("OutboundAuths", string.Empty),
                ("Contacts", e.HasContact ? $"{e.Name}/{e.Contact}," : string.Empty),
                ("DeviceState", e.IsAvailable ? "Not in use" : "Unavailable"),
                ("ActiveChannels", "0"))).ToList();
            SendItems(action, "A listing of Endpoints follows, presented as EndpointList events", "EndpointListComplete", items);
        }

        private void PjsipShowContacts(AmiMessage action)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var contacts = _server.Sip.Endpoints.Where(e => e.HasContact && !e.ContactIsStatic).ToList();
            if (contacts.Count == 0)
            {
                Respond(action, "Error", ("Message", "No Contacts found"));
                return;
            }

            var items = contacts.Select(e => Item("ContactList", action,
                ("ObjectType", "contact"),
                ("ObjectName", e.Name + ";@" + SimulatorSession.Md5Hex(e.Contact!)),
                ("ViaAddr", "127.0.0.1"),
                ("QualifyTimeout", "3.000000"),
                ("Qualify2xxOnly", "false"),
                ("CallId", StableGuid(e.Name)),
                ("RegServer", string.Empty),
                ("PruneOnBoot", "no"),
                ("Path", string.Empty),
                ("Endpoint", e.Name),
                ("ViaPort", "5060"),
                ("AuthenticateQualify", "no"),
                ("Uri", e.Contact!),
                ("QualifyFrequency", "5"),
                ("UserAgent", e.UserAgent),
                ("ExpirationTime", (now + 120).ToString(CultureInfo.InvariantCulture)),
                ("OutboundProxy", string.Empty),
                ("Status", e.ContactStatus),
                ("RoundtripUsec", RoundTrip(e)))).ToList();
            SendItems(action, "A listing of Contacts follows, presented as ContactList events", "ContactListComplete", items);
        }

        private void PjsipShowRegistrations(AmiMessage action)
        {
            var registrations = _server.Sip.Registrations;
            var items = new List<List<AmiField>>();
            foreach (var r in registrations)
            {
                var auth = r.Name + "-auth";
                items.Add(Item("OutboundRegistrationDetail", action,
                    ("ObjectType", "registration"), ("ObjectName", r.Name), ("MaxRetries", "10"), ("ClientUri", r.ClientUri),
                    ("SecurityNegotiation", "no"), ("AuthRejectionPermanent", "true"), ("ServerUri", r.ServerUri), ("MaxRandomInitialDelay", "10"),
                    ("SupportPath", "false"), ("RetryInterval", "10"), ("ContactHeaderParams", string.Empty), ("Expiration", "120"),
                    ("Transport", "transport-udp"), ("Line", "false"), ("ContactUser", r.Username), ("Endpoint", string.Empty),
                    ("UserAgent", string.Empty), ("ForbiddenRetryInterval", "0"), ("OutboundAuth", auth), ("OutboundProxy", string.Empty),
                    ("FatalRetryInterval", "0"), ("SupportOutbound", "no"), ("Status", r.Status), ("NextReg", "0")));
                items.Add(AuthDetail(action, auth, r.Username, r.Password));
            }

            var registered = registrations.Count(r => r.Status == "Registered");
            SendItems(action, "Following are Events for each Outbound registration", "OutboundRegistrationDetailComplete", items, registrations.Count,
                ("Registered", registered.ToString(CultureInfo.InvariantCulture)), ("NotRegistered", (registrations.Count - registered).ToString(CultureInfo.InvariantCulture)));
        }

        private void PjsipShowEndpoint(AmiMessage action)
        {
            var name = action["Endpoint"] ?? string.Empty;
            var e = _server.Sip.FindEndpoint(name);
            if (e is null)
            {
                Respond(action, "Error", ("Message", "Unable to retrieve endpoint " + name));
                return;
            }

            var state = e.IsAvailable ? "Not in use" : "Unavailable";
            var contacts = e.HasContact ? $"{e.Name}/{e.Contact}" : string.Empty;
            var items = new List<List<AmiField>>
            {
                FromTemplate("EndpointDetail", action, PjsipDetailTemplates.EndpointDetail, ("ObjectName", e.Name), ("Aors", e.Name), ("Auth", AuthName(e)), ("DeviceState", state)),
                AuthDetail(action, AuthName(e), e.Name, e.Password, e.Name),
                FromTemplate("TransportDetail", action, PjsipDetailTemplates.TransportDetail, ("EndpointName", e.Name)),
                FromTemplate("AorDetail", action, PjsipDetailTemplates.AorDetail, ("ObjectName", e.Name), ("Contacts", contacts),
                    ("TotalContacts", e.HasContact ? "1" : "0"), ("ContactsRegistered", e.HasContact && !e.ContactIsStatic ? "1" : "0"), ("EndpointName", e.Name)),
            };
            if (e.HasContact)
            {
                items.Add(Item("ContactStatusDetail", action,
                    ("AOR", e.Name), ("URI", e.Contact!), ("UserAgent", e.UserAgent), ("RegExpire", "0"), ("Status", e.ContactStatus),
                    ("RoundtripUsec", RoundTrip(e)), ("EndpointName", e.Name), ("ID", e.Name + "@@" + SimulatorSession.Md5Hex(e.Contact!)),
                    ("AuthenticateQualify", "0"), ("OutboundProxy", string.Empty), ("Path", string.Empty), ("QualifyFrequency", "0"),
                    ("QualifyTimeout", "3.000"), ("Qualify2xxOnly", "0")));
            }

            SendItems(action, "Following are Events for each object associated with the Endpoint", "EndpointDetailComplete", items);
        }

        private void SipPeers(AmiMessage action)
        {
            var items = _server.Sip.Endpoints.Select(e =>
            {
                var address = e.HasContact ? e.Contact!.Substring(e.Contact!.IndexOf('@') + 1).Split(':') : null;
                return Item("PeerEntry", action,
                    ("Channeltype", "SIP"), ("ObjectName", e.Name), ("ChanObjectType", "peer"),
                    ("IPaddress", address?[0] ?? "-none-"), ("IPport", address is { Length: > 1 } ? address[1] : "0"),
                    ("Dynamic", e.ContactIsStatic ? "no" : "yes"), ("AutoForcerport", "yes"), ("Forcerport", "no"), ("AutoComedia", "no"),
                    ("Comedia", "no"), ("VideoSupport", "no"), ("TextSupport", "no"), ("ACL", "no"),
                    ("Status", e.ContactStatus == "OK" ? $"OK ({Math.Max(1, e.RoundtripUsec / 1000)} ms)" : e.ContactStatus),
                    ("RealtimeDevice", "no"), ("Description", string.Empty), ("Accountcode", string.Empty));
            }).ToList();
            SendItems(action, "Peer status list will follow", "PeerlistComplete", items);
        }

        private void SipShowRegistry(AmiMessage action)
        {
            var items = _server.Sip.Registrations.Select(r =>
            {
                var server = r.ServerUri.Substring(4).Split(':');
                var client = r.ClientUri.Substring(r.ClientUri.IndexOf('@') + 1).Split(':');
                return Item("RegistryEntry", action,
                    ("Host", server[0]), ("Port", server.Length > 1 ? server[1] : "5060"), ("Username", r.Username),
                    ("Domain", client[0]), ("DomainPort", client.Length > 1 ? client[1] : "5060"), ("Refresh", "120"),
                    ("State", r.Status), ("RegistrationTime", "0"));
            }).ToList();
            SendItems(action, "Registrations will follow", "RegistrationsComplete", items);
        }

        /// <summary>chan_sip's one peer: a single response (not a list); secrets only as <c>SecretExist</c>.</summary>
        private void SipShowPeer(AmiMessage action)
        {
            var name = action["Peer"] ?? string.Empty;
            var e = _server.Sip.FindEndpoint(name);
            if (e is null)
            {
                Respond(action, "Error", ("Message", "Peer " + name + " not found."));
                return;
            }

            var address = e.HasContact ? e.Contact!.Substring(e.Contact!.IndexOf('@') + 1).Split(':') : new[] { "(null)", "0" };
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ObjectName"] = e.Name,
                ["SecretExist"] = e.Password.Length > 0 ? "Y" : "N",
                ["Dynamic"] = e.ContactIsStatic ? "N" : "Y",
                ["Address-IP"] = address[0],
                ["Address-Port"] = address.Length > 1 ? address[1] : "0",
                ["ToHost"] = e.ContactIsStatic ? address[0] : string.Empty,
                ["Status"] = e.ContactStatus == "OK" ? $"OK ({Math.Max(1, e.RoundtripUsec / 1000)} ms)" : e.ContactStatus,
            };
            Respond(action, "Success", PjsipDetailTemplates.SipShowPeer.Select(f => (f.Key, overrides.TryGetValue(f.Key, out var v) ? v : f.Value)).ToArray());
        }

        /// <summary>An auth object with its password in clear text, as Asterisk sends it (what AmiPs must redact).</summary>
        private static List<AmiField> AuthDetail(AmiMessage action, string name, string username, string password, string? endpoint = null)
        {
            var item = Item("AuthDetail", action,
                ("ObjectType", "auth"), ("ObjectName", name), ("OauthSecret", string.Empty), ("PasswordDigest", string.Empty),
                ("SupportedAlgorithmsUas", "MD5"), ("RefreshToken", string.Empty), ("Username", username), ("Md5Cred", string.Empty),
                ("Realm", string.Empty), ("AuthType", "userpass"), ("Password", password), ("SupportedAlgorithmsUac", "MD5"),
                ("NonceLifetime", "32"), ("OauthClientid", string.Empty));
            if (endpoint is not null)
            {
                item.Add(new AmiField("EndpointName", endpoint));
            }

            return item;
        }

        /// <summary>A recorded item's keys in their order, with this endpoint's values where they differ.</summary>
        private static List<AmiField> FromTemplate(string name, AmiMessage action, (string Key, string Value)[] template, params (string Key, string Value)[] values)
        {
            var overrides = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            return Item(name, action, template.Select(f => (f.Key, overrides.TryGetValue(f.Key, out var v) ? v : f.Value)).ToArray());
        }

        private static string AuthName(SimulatedEndpoint e) => e.Name + "-auth";

        private static string RoundTrip(SimulatedEndpoint e) =>
            e.ContactStatus is "Reachable" or "OK" && e.RoundtripUsec > 0 ? e.RoundtripUsec.ToString(CultureInfo.InvariantCulture) : "N/A";

        private static string StableGuid(string name)
        {
            var hex = SimulatorSession.Md5Hex("call-id " + name);
            return $"{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
        }
    }
}
