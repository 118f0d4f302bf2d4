using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// SIP endpoints and their contacts: loaded after each login from PJSIP (<c>PJSIPShowEndpoints</c>,
    /// <c>PJSIPShowContacts</c>, <c>PJSIPShowEndpoint</c> for static contacts) or, where the server has chan_sip only,
    /// from <c>SIPpeers</c>; kept live from <c>ContactStatus</c>, <c>PeerStatus</c> and <c>DeviceStateChange</c>, each
    /// reflected before the event reaches any subscriber. Thread-safe.
    /// </summary>
    public sealed partial class AmiEndpointTracker : AmiSipTracker<AmiEndpoint>
    {
        internal AmiEndpointTracker(string? session = null)
            : base(session, e => e.Name)
        {
        }

        private protected override AmiTrackedState Kind => AmiTrackedState.Endpoints;

        private protected override string What => "endpoints";

        /// <summary>Every endpoint in name order (numbers as numbers). The same list until something changes.</summary>
        public IReadOnlyList<AmiEndpoint> GetEndpoints() => Table.Snapshot();

        /// <summary>The endpoint named <paramref name="name"/> (any case), or null.</summary>
        public AmiEndpoint? Find(string name) => Table.Find(name);

        /// <summary>Applies a live event; events of other kinds return at once.</summary>
        internal override void Apply(AmiEvent amiEvent)
        {
            AmiEndpoint? changed;
            switch (amiEvent)
            {
                case ContactStatusEvent c when c.EndpointName is { Length: > 0 } name && c.Uri is { Length: > 0 }:
                    changed = Table.Update(name, c, (known, e) => ApplyContactStatus(known ?? NewEndpoint(e.EndpointName!, AmiSipStack.Pjsip, e.Time), e));
                    break;
                case PeerStatusEvent p when AmiSipText.SipDeviceName(p.Peer, out var stack) is { } name && stack == AmiSipStack.ChanSip && Accepts(stack):
                    // PJSIP's PeerStatus sums up its ContactStatus events; chan_sip has only this one.
                    changed = Table.Update(name, p, (known, e) => ApplyPeerStatus(known ?? NewEndpoint(AmiSipText.SipDeviceName(e.Peer, out _)!, AmiSipStack.ChanSip, e.Time), e));
                    break;
                case DeviceStateChangeEvent d when AmiSipText.SipDeviceName(d.Device, out var stack) is { } name && Accepts(stack) && d.State is { } state:
                    changed = Table.Update(name, (state, d.Time), (known, e) => known is null || known.State == e.state ? known : known.With(state: e.state, time: e.Time));
                    break;
                default:
                    return;
            }

            Publish(changed);
        }

        private AmiEndpoint NewEndpoint(string name, AmiSipStack stack, DateTimeOffset time) =>
            new AmiEndpoint(name, stack, AmiDeviceState.Unknown, null, null, null, null, time, SessionName);

        private static AmiEndpoint ApplyContactStatus(AmiEndpoint endpoint, ContactStatusEvent e)
        {
            var status = e.ContactStatus;
            var contacts = new List<AmiContact>(endpoint.Contacts);
            var index = contacts.FindIndex(c => string.Equals(c.Uri, e.Uri, StringComparison.OrdinalIgnoreCase));
            if (status == AmiContactStatus.Removed)
            {
                if (index < 0)
                {
                    return endpoint;
                }

                contacts.RemoveAt(index);
            }
            else if (index < 0)
            {
                var added = status is AmiContactStatus.Created or AmiContactStatus.Updated ? AmiContactStatus.Unknown : status;
                contacts.Add(new AmiContact(e.Uri!, e.Aor, added, e.GetRoundTrip(), null, null, e.Time));
            }
            else if (status != AmiContactStatus.Created && status != AmiContactStatus.Updated)
            {
                contacts[index] = contacts[index].WithStatus(status, e.GetRoundTrip(), e.Time);
            }
            else
            {
                return endpoint;
            }

            return endpoint.With(state: StateFromContacts(endpoint.State, contacts), contacts: contacts, time: e.Time);
        }

        private static AmiEndpoint ApplyPeerStatus(AmiEndpoint endpoint, PeerStatusEvent e)
        {
            var text = e.PeerStatus ?? string.Empty;
            List<AmiContact> contacts;
            if (text.Equals("Registered", StringComparison.OrdinalIgnoreCase))
            {
                var uri = e.Address is { Length: > 0 } address ? $"sip:{endpoint.Name}@{address}" : "sip:" + endpoint.Name;
                contacts = new List<AmiContact> { new AmiContact(uri, null, AmiContactStatus.Unknown, null, null, null, e.Time) };
            }
            else if (text.Equals("Unregistered", StringComparison.OrdinalIgnoreCase))
            {
                contacts = new List<AmiContact>();
            }
            else
            {
                var status = AmiSipText.ParseContactStatus(text);
                var rtt = e.QualifyTime is int ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
                contacts = new List<AmiContact>(endpoint.Contacts);
                if (contacts.Count == 0)
                {
                    contacts.Add(new AmiContact("sip:" + endpoint.Name, null, status, rtt, null, null, e.Time));
                }
                else
                {
                    for (var i = 0; i < contacts.Count; i++)
                    {
                        contacts[i] = contacts[i].WithStatus(status, rtt, e.Time);
                    }
                }
            }

            return endpoint.With(state: StateFromContacts(endpoint.State, contacts), contacts: contacts, time: e.Time);
        }

        /// <summary>
        /// What Asterisk's device state becomes when contacts change and no call is up: Unavailable with no contact
        /// that may answer, Not in use otherwise. A state from calls (In use, Ringing, ...) is left to DeviceStateChange.
        /// </summary>
        internal static AmiDeviceState StateFromContacts(AmiDeviceState current, IReadOnlyList<AmiContact> contacts)
        {
            if (current is not (AmiDeviceState.NotInUse or AmiDeviceState.Unavailable or AmiDeviceState.Unknown))
            {
                return current;
            }

            foreach (var contact in contacts)
            {
                if (contact.Status is not AmiContactStatus.Unreachable and not AmiContactStatus.Removed)
                {
                    return AmiDeviceState.NotInUse;
                }
            }

            return AmiDeviceState.Unavailable;
        }
    }
}
