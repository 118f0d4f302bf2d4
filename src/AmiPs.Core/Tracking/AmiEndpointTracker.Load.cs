using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Tracking
{
    public sealed partial class AmiEndpointTracker
    {
        // PJSIPShowEndpoint for static contacts: a few at a time, so a PBX of thousands loads in seconds, not minutes.
        private const int DetailsInFlight = 8;

        private protected override Task<List<AmiEndpoint>> LoadItemsAsync(AmiSession session, AmiSipStack stack, CancellationToken cancellationToken) =>
            stack == AmiSipStack.ChanSip ? LoadPeersAsync(session, cancellationToken) : LoadPjsipAsync(session, cancellationToken);

        private protected override AmiEndpoint Merge(AmiEndpoint known, AmiEndpoint fresh) => Same(known, fresh) ? fresh.With(time: known.LastChanged) : fresh;

        private async Task<List<AmiEndpoint>> LoadPjsipAsync(AmiSession session, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.Now;
            var items = await SipLoad.ListAsync(session, new AmiAction("PJSIPShowEndpoints"), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<AmiEvent> contactItems;
            try
            {
                contactItems = await SipLoad.ListAsync(session, new AmiAction("PJSIPShowContacts"), cancellationToken).ConfigureAwait(false);
            }
            catch (AmiResponseException)
            {
                contactItems = Array.Empty<AmiEvent>(); // before Asterisk 16: every contact comes from PJSIPShowEndpoint
            }

            var contacts = ContactsByEndpoint(contactItems, now);
            var endpoints = new List<EndpointListEvent>();
            var needDetails = new List<string>();
            foreach (var item in items)
            {
                if (item is not EndpointListEvent { ObjectName: { Length: > 0 } name } endpoint)
                {
                    continue;
                }

                endpoints.Add(endpoint);
                contacts.TryGetValue(name, out var known);
                foreach (var uri in endpoint.ContactUris)
                {
                    if (known is null || known.FindIndex(c => string.Equals(c.Uri, uri, StringComparison.OrdinalIgnoreCase)) < 0)
                    {
                        needDetails.Add(name); // a static contact: only PJSIPShowEndpoint shows its status
                        break;
                    }
                }
            }

            await LoadStaticContactsAsync(session, needDetails, contacts, now, cancellationToken).ConfigureAwait(false);
            var fresh = new List<AmiEndpoint>(endpoints.Count);
            foreach (var endpoint in endpoints)
            {
                var name = endpoint.ObjectName!;
                contacts.TryGetValue(name, out var list);
                var merged = list ?? new List<AmiContact>();
                foreach (var uri in endpoint.ContactUris)
                {
                    if (merged.FindIndex(c => string.Equals(c.Uri, uri, StringComparison.OrdinalIgnoreCase)) < 0)
                    {
                        merged.Add(new AmiContact(uri, null, AmiContactStatus.Unknown, null, null, null, now));
                    }
                }

                fresh.Add(new AmiEndpoint(
                    name, AmiSipStack.Pjsip, endpoint.DeviceState ?? AmiDeviceState.Unknown, endpoint.ActiveChannels,
                    endpoint.Transport, endpoint.Aors, merged, now, SessionName));
            }

            return fresh;
        }

        private static Dictionary<string, List<AmiContact>> ContactsByEndpoint(IEnumerable<AmiEvent> items, DateTimeOffset now)
        {
            var byEndpoint = new Dictionary<string, List<AmiContact>>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                if (item is ContactListEvent { EndpointName: { Length: > 0 } endpoint, Uri: { Length: > 0 } uri } contact)
                {
                    if (!byEndpoint.TryGetValue(endpoint, out var list))
                    {
                        byEndpoint[endpoint] = list = new List<AmiContact>();
                    }

                    if (list.FindIndex(c => string.Equals(c.Uri, uri, StringComparison.OrdinalIgnoreCase)) < 0)
                    {
                        list.Add(new AmiContact(uri, contact.Aor, contact.Status, contact.GetRoundTrip(), contact.UserAgent, contact.ExpiresAt, now));
                    }
                }
            }

            return byEndpoint;
        }

        private static async Task LoadStaticContactsAsync(
            AmiSession session, List<string> names, Dictionary<string, List<AmiContact>> contacts, DateTimeOffset now, CancellationToken cancellationToken)
        {
            for (var start = 0; start < names.Count; start += DetailsInFlight)
            {
                var batch = new List<Task<IReadOnlyList<AmiEvent>>>();
                for (var i = start; i < Math.Min(names.Count, start + DetailsInFlight); i++)
                {
                    batch.Add(SipLoad.ListAsync(session, new AmiAction("PJSIPShowEndpoint").Add("Endpoint", names[i]), cancellationToken));
                }

                foreach (var details in await Task.WhenAll(batch).ConfigureAwait(false))
                {
                    foreach (var pair in ContactsByEndpoint(FilterContacts(details), now))
                    {
                        if (!contacts.TryGetValue(pair.Key, out var list))
                        {
                            contacts[pair.Key] = list = new List<AmiContact>();
                        }

                        foreach (var contact in pair.Value)
                        {
                            if (list.FindIndex(c => string.Equals(c.Uri, contact.Uri, StringComparison.OrdinalIgnoreCase)) < 0)
                            {
                                list.Add(contact);
                            }
                        }
                    }
                }
            }
        }

        private static IEnumerable<AmiEvent> FilterContacts(IReadOnlyList<AmiEvent> details)
        {
            foreach (var item in details)
            {
                if (item.Event == "ContactStatusDetail")
                {
                    yield return item;
                }
            }
        }

        private async Task<List<AmiEndpoint>> LoadPeersAsync(AmiSession session, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.Now;
            var items = await SipLoad.ListAsync(session, new AmiAction("SIPpeers"), cancellationToken).ConfigureAwait(false);
            var fresh = new List<AmiEndpoint>(items.Count);
            foreach (var item in items)
            {
                if (item is PeerEntryEvent { ObjectName: { Length: > 0 } name } peer)
                {
                    fresh.Add(FromPeer(name, peer, now));
                }
            }

            return fresh;
        }

        /// <summary>A chan_sip peer as an endpoint: its address (when it has one) is its one contact.</summary>
        private AmiEndpoint FromPeer(string name, PeerEntryEvent peer, DateTimeOffset now)
        {
            var contacts = new List<AmiContact>();
            if (peer.IPAddress is { } ip)
            {
                var uri = peer.IPPort is int port && port > 0 ? $"sip:{name}@{ip}:{port}" : $"sip:{name}@{ip}";
                contacts.Add(new AmiContact(uri, null, peer.Status, peer.GetRoundTrip(), null, null, now));
            }

            var state = StateFromContacts(AmiDeviceState.Unknown, contacts);
            return new AmiEndpoint(name, AmiSipStack.ChanSip, state, null, null, null, contacts, now, SessionName);
        }

        private static bool Same(AmiEndpoint known, AmiEndpoint fresh)
        {
            if (known.State != fresh.State || known.Contacts.Count != fresh.Contacts.Count || known.ActiveChannels != fresh.ActiveChannels)
            {
                return false;
            }

            for (var i = 0; i < known.Contacts.Count; i++)
            {
                if (known.Contacts[i].Uri != fresh.Contacts[i].Uri || known.Contacts[i].Status != fresh.Contacts[i].Status)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
