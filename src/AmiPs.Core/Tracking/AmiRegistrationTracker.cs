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
    public sealed class AmiRegistrationTracker : IAmiStateTracker
    {
        private readonly LiveTable<AmiRegistration> _table = new LiveTable<AmiRegistration>(r => r.Name);
        private readonly string? _session;
        private volatile string? _loadError;
        private DateTimeOffset? _loadedAt;
        private AmiSipStack _stack;

        public AmiRegistrationTracker(string? session = null)
        {
            _session = session;
        }

        /// <summary>Raised (on the reader thread) after a live event changed a registration.</summary>
        public event Action<AmiRegistration>? Changed;

        AmiTrackedState IAmiStateTracker.Kind => AmiTrackedState.Registrations;

        /// <summary>The stack the last load read (None before a load, or when the server has neither).</summary>
        public AmiSipStack Stack => _stack;

        /// <summary>When the last load finished; null before one.</summary>
        public DateTimeOffset? LoadedAt => _loadedAt;

        /// <summary>Why the last load failed; null after a good one.</summary>
        public string? LoadError => _loadError;

        public int Count => _table.Count;

        /// <summary>Every registration in name order. The same list until something changes.</summary>
        public IReadOnlyList<AmiRegistration> GetRegistrations() => _table.Snapshot();

        /// <summary>The registration named <paramref name="name"/> (any case), or null.</summary>
        public AmiRegistration? Find(string name) => _table.Find(name);

        /// <summary>Applies a live <c>Registry</c> event; other events return at once.</summary>
        public void Apply(AmiEvent amiEvent)
        {
            if (amiEvent is not RegistryEvent registry || registry.Username is not { Length: > 0 } user)
            {
                return;
            }

            var stack = registry.IsChanSip ? AmiSipStack.ChanSip : AmiSipStack.Pjsip;
            if (_stack != AmiSipStack.None && _stack != stack)
            {
                return;
            }

            // PJSIP names the registration by its URIs (client as Username, server as Domain), chan_sip by user and host.
            var matched = false;
            foreach (var known in _table.Snapshot())
            {
                if (Matches(known, registry))
                {
                    matched = true;
                    Publish(_table.Update(known.Name, registry, (k, e) => k is null || (k.Status == e.Status && k.StatusText == e.StatusText) ? k : k.WithStatus(e.Status, e.StatusText, e.Time)));
                }
            }

            if (!matched)
            {
                var name = stack == AmiSipStack.ChanSip ? $"{user}@{registry.Domain}" : user;
                var server = stack == AmiSipStack.ChanSip ? "sip:" + registry.Domain : registry.Domain;
                var client = stack == AmiSipStack.ChanSip ? null : user;
                var fresh = new AmiRegistration(name, stack, server, client, registry.Status, registry.StatusText, null, null, null, registry.Time, _session);
                Publish(_table.Update(name, fresh, (k, f) => f));
            }
        }

        async Task IAmiStateTracker.ResyncAsync(AmiSession session, CancellationToken cancellationToken)
        {
            try
            {
                await LoadAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (AmiFeatureMissingException)
            {
                // A server without SIP is no fault of the link: LoadError says so, and Get-Ami* reports it when asked.
            }
        }

        /// <summary>
        /// Loads every registration from the PBX (after each login; a cmdlet calls it when the session does not track
        /// registrations). Throws <see cref="AmiFeatureMissingException"/> when the server has neither PJSIP nor chan_sip.
        /// </summary>
        public async Task LoadAsync(AmiSession session, CancellationToken cancellationToken = default)
        {
            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            _table.BeginLoad();
            try
            {
                var stack = await SipLoad.StackAsync(session, "registrations", cancellationToken).ConfigureAwait(false);
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

                _stack = stack;
                _table.Load(fresh, (known, item) => known.Status == item.Status ? Keep(item, known.LastChanged) : item);
                _loadedAt = DateTimeOffset.Now;
                _loadError = null;
            }
            catch (Exception ex) when (ex is AmiException or OperationCanceledException)
            {
                _loadError = ex.Message;
                throw;
            }
            finally
            {
                _table.EndLoad();
            }
        }

        private AmiRegistration? FromItem(AmiEvent item, DateTimeOffset now)
        {
            switch (item)
            {
                case OutboundRegistrationDetailEvent { ObjectName: { Length: > 0 } name } r:
                    return new AmiRegistration(
                        name, AmiSipStack.Pjsip, r.ServerUri, r.ClientUri, r.Status, r.StatusText,
                        r.NextReg is int next && next > 0 ? now.AddSeconds(next) : null,
                        Seconds(r.Expiration), Seconds(r.RetryInterval), now, _session);
                case RegistryEntryEvent { Username: { Length: > 0 } user, Host: { Length: > 0 } host } r:
                    var server = r.Port is int port && port > 0 ? $"sip:{host}:{port}" : "sip:" + host;
                    var client = r.DomainPort is int domainPort && domainPort > 0 ? $"sip:{user}@{r.Domain}:{domainPort}" : $"sip:{user}@{r.Domain}";
                    return new AmiRegistration($"{user}@{host}", AmiSipStack.ChanSip, server, client, r.State, r.StateText, null, Seconds(r.Refresh), null, now, _session);
                default:
                    return null; // AuthDetail (redacted), and anything else in the list
            }
        }

        private static bool Matches(AmiRegistration known, RegistryEvent e) => known.Stack == AmiSipStack.ChanSip
            ? string.Equals(known.Name, $"{e.Username}@{e.Domain}", StringComparison.OrdinalIgnoreCase)
            : string.Equals(known.ClientUri, e.Username, StringComparison.OrdinalIgnoreCase) && string.Equals(known.ServerUri, e.Domain, StringComparison.OrdinalIgnoreCase);

        private static AmiRegistration Keep(AmiRegistration item, DateTimeOffset lastChanged) =>
            new AmiRegistration(item.Name, item.Stack, item.ServerUri, item.ClientUri, item.Status, item.StatusText, item.NextRegistration, item.Expiration, item.RetryInterval, lastChanged, item.Session);

        private static TimeSpan? Seconds(int? seconds) => seconds is int s && s >= 0 ? TimeSpan.FromSeconds(s) : null;

        private void Publish(AmiRegistration? changed)
        {
            if (changed is not null)
            {
                Changed?.Invoke(changed);
            }
        }
    }
}
