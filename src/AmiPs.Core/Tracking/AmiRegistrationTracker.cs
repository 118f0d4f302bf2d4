using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Tracking
{
    /// <summary>
    /// Outbound registrations (trunks): loaded after each login with <c>PJSIPShowRegistrationsOutbound</c> (its
    /// <c>AuthDetail</c> items, redacted as read, are skipped) or chan_sip's <c>SIPshowregistry</c>; kept live from
    /// <c>Registry</c> events, each reflected before the event reaches any subscriber. Thread-safe.
    /// </summary>
    public sealed class AmiRegistrationTracker : AmiSipTracker<AmiRegistration>
    {
        internal AmiRegistrationTracker(string? session = null)
            : base(session, r => r.Name)
        {
        }

        private protected override AmiTrackedState Kind => AmiTrackedState.Registrations;

        private protected override string What => "registrations";

        /// <summary>Every registration in name order. The same list until something changes.</summary>
        public IReadOnlyList<AmiRegistration> GetRegistrations() => Table.Snapshot();

        /// <summary>The registration named <paramref name="name"/> (any case), or null.</summary>
        public AmiRegistration? Find(string name) => Table.Find(name);

        /// <summary>Applies a live <c>Registry</c> event; other events return at once.</summary>
        internal override void Apply(AmiEvent amiEvent)
        {
            if (amiEvent is not RegistryEvent registry || registry.Username is not { Length: > 0 } user)
            {
                return;
            }

            var stack = registry.IsChanSip ? AmiSipStack.ChanSip : AmiSipStack.Pjsip;
            if (!Accepts(stack))
            {
                return;
            }

            // PJSIP names the registration by its URIs (client as Username, server as Domain), chan_sip by user and host.
            var matched = false;
            foreach (var known in Table.Snapshot())
            {
                if (Matches(known, registry))
                {
                    matched = true;
                    Publish(Table.Update(known.Name, registry, (k, e) => k is null || (k.Status == e.Status && k.StatusText == e.StatusText) ? k : k.WithStatus(e.Status, e.StatusText, e.Time)));
                }
            }

            if (!matched)
            {
                var name = stack == AmiSipStack.ChanSip ? $"{user}@{registry.Domain}" : user;
                var server = stack == AmiSipStack.ChanSip ? "sip:" + registry.Domain : registry.Domain;
                var client = stack == AmiSipStack.ChanSip ? null : user;
                var fresh = new AmiRegistration(name, stack, server, client, registry.Status, registry.StatusText, null, null, null, registry.Time, SessionName);
                Publish(Table.Update(name, fresh, (k, f) => f));
            }
        }

        private protected override async Task<List<AmiRegistration>> LoadItemsAsync(AmiSession session, AmiSipStack stack, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.Now;
            var action = new AmiAction(stack == AmiSipStack.ChanSip ? "SIPshowregistry" : "PJSIPShowRegistrationsOutbound");
            var items = await SipLoad.ListAsync(session, action, cancellationToken).ConfigureAwait(false);
            var fresh = new List<AmiRegistration>();
            foreach (var item in items)
            {
                if (FromItem(item, now) is { } registration)
                {
                    fresh.Add(registration);
                }
            }

            return fresh;
        }

        private protected override AmiRegistration Merge(AmiRegistration known, AmiRegistration fresh) =>
            known.Status == fresh.Status ? Keep(fresh, known.LastChanged) : fresh;

        private AmiRegistration? FromItem(AmiEvent item, DateTimeOffset now)
        {
            switch (item)
            {
                case OutboundRegistrationDetailEvent { ObjectName: { Length: > 0 } name } r:
                    return new AmiRegistration(
                        name, AmiSipStack.Pjsip, r.ServerUri, r.ClientUri, r.Status, r.StatusText,
                        r.NextReg is int next && next > 0 ? now.AddSeconds(next) : null,
                        Seconds(r.Expiration), Seconds(r.RetryInterval), now, SessionName);
                case RegistryEntryEvent { Username: { Length: > 0 } user, Host: { Length: > 0 } host } r:
                    var server = r.Port is int port && port > 0 ? $"sip:{host}:{port}" : "sip:" + host;
                    var client = r.DomainPort is int domainPort && domainPort > 0 ? $"sip:{user}@{r.Domain}:{domainPort}" : $"sip:{user}@{r.Domain}";
                    return new AmiRegistration($"{user}@{host}", AmiSipStack.ChanSip, server, client, r.State, r.StateText, null, Seconds(r.Refresh), null, now, SessionName);
                default:
                    return null; // AuthDetail (redacted), and anything else in the list
            }
        }

        private static bool Matches(AmiRegistration known, RegistryEvent e) => known.Stack == AmiSipStack.ChanSip
            ? string.Equals(known.Name, $"{e.Username}@{e.Domain}", StringComparison.OrdinalIgnoreCase)
            : string.Equals(known.ClientUri, e.Username, StringComparison.OrdinalIgnoreCase) && string.Equals(known.ServerUri, e.Domain, StringComparison.OrdinalIgnoreCase);

        private static AmiRegistration Keep(AmiRegistration item, DateTimeOffset lastChanged) =>
            new AmiRegistration(item.Name, item.Stack, item.ServerUri, item.ClientUri, item.Status, item.StatusText, item.NextRegistration, item.GetExpiration(), item.GetRetryInterval(), lastChanged, item.Session);

        private static TimeSpan? Seconds(int? seconds) => seconds is int s && s >= 0 ? TimeSpan.FromSeconds(s) : null;
    }
}
