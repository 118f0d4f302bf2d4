using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AmiPs.Simulator
{
    /// <summary>Which SIP stack the simulated server has: what its <c>ListCommands</c> offers and which actions it answers.</summary>
    public enum AmiSimulatorSipStack : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>res_pjsip (the default; the only stack from Asterisk 21 on).</summary>
        Pjsip,

        /// <summary>chan_sip only (Asterisk up to 20): <c>SIPpeers</c>, <c>SIPshowregistry</c>, chan_sip's events.</summary>
        ChanSip,

        /// <summary>No SIP stack at all (an IAX- or DAHDI-only box).</summary>
        None,
    }

    /// <summary>
    /// The SIP side of the simulated PBX, shaped as the fixtures' <c>pjsip.conf</c> (or <c>ast20-sip.conf</c> for chan_sip):
    /// endpoints with contacts (reachable with a round trip, unreachable, none) and outbound registrations
    /// (registered, rejected). Faults on demand raise the events a real Asterisk raises. Thread-safe.
    /// </summary>
    public sealed class SimulatedSip
    {
        private readonly object _gate = new object();
        private readonly List<SimulatedEndpoint> _endpoints;
        private readonly List<SimulatedRegistration> _registrations;
        private readonly Action<SimEvent> _raise;

        internal SimulatedSip(AmiSimulatorOptions options, Action<SimEvent> raise)
        {
            _raise = raise;
            Stack = options.SipStack;
            _endpoints = (options.SipEndpoints ?? (Stack == AmiSimulatorSipStack.ChanSip ? ChanSipEndpoints() : DefaultEndpoints())).ToList();
            _registrations = (options.SipRegistrations ?? (Stack == AmiSimulatorSipStack.ChanSip ? ChanSipRegistrations() : DefaultRegistrations())).ToList();
        }

        public AmiSimulatorSipStack Stack { get; }

        public IReadOnlyList<SimulatedEndpoint> Endpoints
        {
            get
            {
                lock (_gate)
                {
                    return _endpoints.ToArray();
                }
            }
        }

        public IReadOnlyList<SimulatedRegistration> Registrations
        {
            get
            {
                lock (_gate)
                {
                    return _registrations.ToArray();
                }
            }
        }

        /// <summary>The fixtures' phones and trunk: 1001 (static contact, unreachable), 1002 (no contact), selftrunk (registered, 456 µs).</summary>
        public static IReadOnlyList<SimulatedEndpoint> DefaultEndpoints() => new[]
        {
            new SimulatedEndpoint("1001", "pass1001") { Contact = "sip:1001@127.0.0.1:5071", ContactIsStatic = true, ContactStatus = "Unreachable" },
            new SimulatedEndpoint("1002", "pass1002"),
            new SimulatedEndpoint("selftrunk", "trunkpass") { Contact = "sip:selftrunk@127.0.0.1:5060", ContactStatus = "Reachable", RoundtripUsec = 456, UserAgent = "Asterisk PBX GIT-master-f0c1c1a7b7" },
        };

        /// <summary>The fixtures' registrations: provider (registered to selftrunk), deadtrunk (rejected).</summary>
        public static IReadOnlyList<SimulatedRegistration> DefaultRegistrations() => new[]
        {
            new SimulatedRegistration("deadtrunk", "sip:127.0.0.1:5090", "sip:deadtrunk@127.0.0.1:5090", "deadtrunk", "deadpass") { Status = "Rejected" },
            new SimulatedRegistration("provider", "sip:127.0.0.1:5060", "sip:selftrunk@127.0.0.1:5060", "selftrunk", "trunkpass") { Status = "Registered", Endpoint = "selftrunk" },
        };

        /// <summary><c>ast20-sip.conf</c>: 2001 (dynamic, not registered), 2002 (unreachable), selfpeer (OK, 1 ms).</summary>
        public static IReadOnlyList<SimulatedEndpoint> ChanSipEndpoints() => new[]
        {
            new SimulatedEndpoint("2001", "pass2001") { ContactStatus = "UNKNOWN" },
            new SimulatedEndpoint("2002", "pass2002") { Contact = "sip:2002@127.0.0.1:5064", ContactIsStatic = true, ContactStatus = "UNREACHABLE" },
            new SimulatedEndpoint("selfpeer", string.Empty) { Contact = "sip:selfpeer@127.0.0.1:5062", ContactIsStatic = true, ContactStatus = "OK", RoundtripUsec = 1000 },
        };

        /// <summary><c>register => trunkuser:trunkpass@127.0.0.1:5063</c>, never answered: <c>Request Sent</c>.</summary>
        public static IReadOnlyList<SimulatedRegistration> ChanSipRegistrations() => new[]
        {
            new SimulatedRegistration("trunkuser@127.0.0.1", "sip:127.0.0.1:5063", "sip:trunkuser@127.0.0.1:5060", "trunkuser", "trunkpass") { Status = "Request Sent" },
        };

        /// <summary>
        /// A phone <paramref name="count"/> times over (<c>prefix0001</c> ...), each with a registered, reachable contact:
        /// a large PBX for benchmarks.
        /// </summary>
        public static IReadOnlyList<SimulatedEndpoint> Phones(int count, string prefix = "")
        {
            var phones = new SimulatedEndpoint[count];
            for (var i = 0; i < count; i++)
            {
                var name = prefix + (i + 1).ToString(count < 10000 ? "D4" : "D6", CultureInfo.InvariantCulture);
                phones[i] = Phone(name, 300 + (i % 700));
            }

            return phones;
        }

        /// <summary>A phone with a registered contact that answers in <paramref name="roundtripUsec"/> µs.</summary>
        public static SimulatedEndpoint Phone(string name, int roundtripUsec = 500) =>
            new SimulatedEndpoint(name, "pass" + name) { Contact = $"sip:{name}@127.0.0.1:5070", ContactStatus = "Reachable", RoundtripUsec = roundtripUsec, UserAgent = "AmiPs simulated phone" };

        /// <summary>A registered trunk named <paramref name="name"/>.</summary>
        public static SimulatedRegistration Trunk(string name) =>
            new SimulatedRegistration(name, $"sip:{name}.example.invalid:5060", $"sip:{name}@{name}.example.invalid:5060", name, name + "pass") { Status = "Registered" };

        /// <summary>Fault: a trunk loses its registration (<c>Registry</c> <c>Unregistered</c>; PJSIP also removes the contact it had registered).</summary>
        public bool LoseRegistration(string name, string status = "Unregistered") => SetRegistration(name, status);

        /// <summary>A trunk registers (again): <c>Registry</c> <c>Registered</c>.</summary>
        public bool Register(string name) => SetRegistration(name, "Registered");

        /// <summary>Fault: an endpoint's contact stops answering (<c>ContactStatus</c> <c>Unreachable</c>, <c>PeerStatus</c> <c>Unreachable</c>).</summary>
        public bool MakeUnreachable(string endpoint) => SetContact(endpoint, reachable: false, 0);

        /// <summary>An endpoint's contact answers again in <paramref name="roundtripUsec"/> µs.</summary>
        public bool MakeReachable(string endpoint, int roundtripUsec = 500) => SetContact(endpoint, reachable: true, roundtripUsec);

        internal SimulatedEndpoint? FindEndpoint(string name)
        {
            lock (_gate)
            {
                return _endpoints.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            }
        }

        internal SimulatedRegistration? FindRegistration(string name)
        {
            lock (_gate)
            {
                return _registrations.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            }
        }

        private bool SetRegistration(string name, string status)
        {
            var registration = FindRegistration(name);
            if (registration is null)
            {
                return false;
            }

            SimulatedEndpoint? contactOwner;
            lock (_gate)
            {
                registration.Status = status;
                contactOwner = registration.Endpoint is { } owner ? _endpoints.FirstOrDefault(e => e.Name == owner) : null;
            }

            if (Stack == AmiSimulatorSipStack.ChanSip)
            {
                var user = registration.Username;
                var host = registration.ServerUri.Substring(4).Split(':')[0];
                _raise(SipEvents.Registry("SIP", user, host, status));
                return true;
            }

            if (status == "Registered")
            {
                // As pjsip-events records it: a challenged REGISTER that first reports Unregistered, then a second that registers.
                _raise(SipEvents.ChallengeSent(registration.Username));
                _raise(SipEvents.SuccessfulAuth(registration.Username));
                _raise(SipEvents.Registry("PJSIP", registration.ClientUri, registration.ServerUri, "Unregistered"));
                _raise(SipEvents.ChallengeSent(registration.Username));
                _raise(SipEvents.SuccessfulAuth(registration.Username));
                _raise(SipEvents.Registry("PJSIP", registration.ClientUri, registration.ServerUri, status));
                if (contactOwner is { Contact: { } uri } registered)
                {
                    // The registration's contact comes back: not qualified yet, then reachable (as pjsip-events shows).
                    lock (_gate)
                    {
                        registered.ContactStatus = "Reachable";
                        registered.RoundtripUsec = registered.RoundtripUsec > 0 ? registered.RoundtripUsec : 1001;
                    }

                    _raise(SipEvents.ContactStatus(uri, "NonQualified", registered.Name, 0));
                    _raise(SipEvents.PeerStatus("PJSIP", registered.Name, "Reachable"));
                    _raise(SipEvents.ContactStatus(uri, "Reachable", registered.Name, registered.RoundtripUsec));
                }

                return true;
            }

            // Losing it (an un-REGISTER, challenged): the peer goes unreachable, the registration says so, the contact is removed.
            _raise(SipEvents.ChallengeSent(registration.Username));
            _raise(SipEvents.SuccessfulAuth(registration.Username));
            if (contactOwner is { Contact: { } lost })
            {
                _raise(SipEvents.PeerStatus("PJSIP", contactOwner.Name, "Unreachable"));
                _raise(SipEvents.Registry("PJSIP", registration.ClientUri, registration.ServerUri, status));
                lock (_gate)
                {
                    contactOwner.ContactStatus = "Removed";
                }

                _raise(SipEvents.ContactStatus(lost, "Removed", contactOwner.Name, 0));
            }
            else
            {
                _raise(SipEvents.Registry("PJSIP", registration.ClientUri, registration.ServerUri, status));
            }

            return true;
        }

        private bool SetContact(string name, bool reachable, int roundtripUsec)
        {
            var endpoint = FindEndpoint(name);
            if (endpoint?.Contact is not { } uri)
            {
                return false;
            }

            lock (_gate)
            {
                endpoint.ContactStatus = Stack == AmiSimulatorSipStack.ChanSip ? (reachable ? "OK" : "UNREACHABLE") : (reachable ? "Reachable" : "Unreachable");
                endpoint.RoundtripUsec = reachable ? roundtripUsec : 0;
            }

            if (Stack == AmiSimulatorSipStack.ChanSip)
            {
                _raise(SipEvents.SipPeerStatus(name, reachable ? "Reachable" : "Unreachable", reachable ? Math.Max(1, roundtripUsec / 1000) : -1));
                return true;
            }

            _raise(SipEvents.ContactStatus(uri, reachable ? "Reachable" : "Unreachable", name, reachable ? roundtripUsec : 0));
            _raise(SipEvents.PeerStatus("PJSIP", name, reachable ? "Reachable" : "Unreachable"));
            return true;
        }
    }

    /// <summary>A simulated SIP endpoint (PJSIP) or peer (chan_sip) with at most one contact. Changed under the owner's lock.</summary>
    public sealed class SimulatedEndpoint
    {
        public SimulatedEndpoint(string name, string password)
        {
            Name = name;
            Password = password;
        }

        public string Name { get; }

        /// <summary>The auth password: sent in clear text in <c>AuthDetail</c>, as Asterisk does (the client must redact it).</summary>
        /// <remarks>Internal, as <see cref="AmiSimulatorUser"/>'s secret is: no public property, so no JSON or CSV of the simulator shows it.</remarks>
        internal string Password { get; }

        /// <summary>The contact URI; null for none.</summary>
        public string? Contact { get; set; }

        /// <summary>A static contact (<c>contact=</c> of the AOR) shows only in <c>PJSIPShowEndpoint</c>, not <c>PJSIPShowContacts</c>.</summary>
        public bool ContactIsStatic { get; set; }

        /// <summary>PJSIP's words (<c>Reachable</c>, <c>Unreachable</c>, <c>Removed</c>), or chan_sip's (<c>OK</c>, <c>UNREACHABLE</c>, <c>UNKNOWN</c>).</summary>
        public string ContactStatus { get; set; } = "Unknown";

        public int RoundtripUsec { get; set; }

        public string UserAgent { get; set; } = string.Empty;

        internal bool HasContact => Contact is not null && ContactStatus != "Removed";

        internal bool IsAvailable => HasContact && ContactStatus is not ("Unreachable" or "UNREACHABLE" or "UNKNOWN");
    }

    /// <summary>A simulated outbound registration. Changed under the owner's lock.</summary>
    public sealed class SimulatedRegistration
    {
        public SimulatedRegistration(string name, string serverUri, string clientUri, string username, string password)
        {
            Name = name;
            ServerUri = serverUri;
            ClientUri = clientUri;
            Username = username;
            Password = password;
        }

        public string Name { get; }

        public string ServerUri { get; }

        public string ClientUri { get; }

        public string Username { get; }

        /// <summary>Sent in clear text in the registration's <c>AuthDetail</c>, as Asterisk does; internal, so no export shows it.</summary>
        internal string Password { get; }

        /// <summary><c>Registered</c>, <c>Unregistered</c>, <c>Rejected</c> (chan_sip: <c>Request Sent</c>, ...).</summary>
        public string Status { get; set; } = "Registered";

        /// <summary>The endpoint whose contact this registration creates (the trunk to itself of the fixtures), if any.</summary>
        public string? Endpoint { get; set; }
    }
}
