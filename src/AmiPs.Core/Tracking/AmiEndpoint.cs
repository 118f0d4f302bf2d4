using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>A SIP contact of an endpoint: where the endpoint is reached, and how well. Immutable.</summary>
    public sealed class AmiContact
    {
        private readonly TimeSpan? _roundTrip;

        public AmiContact(string uri, string? aor, AmiContactStatus status, TimeSpan? roundTrip, string? userAgent, DateTimeOffset? expiresAt, DateTimeOffset lastChanged)
        {
            Uri = uri ?? throw new ArgumentNullException(nameof(uri));
            Aor = aor;
            Status = status;
            _roundTrip = status is AmiContactStatus.Reachable or AmiContactStatus.Lagged ? roundTrip : null;
            UserAgent = userAgent;
            ExpiresAt = expiresAt;
            LastChanged = lastChanged;
        }

        /// <summary>The contact URI (<c>sip:1001@192.0.2.10:5060</c>).</summary>
        public string Uri { get; }

        /// <summary>The AOR it belongs to (PJSIP); null for chan_sip.</summary>
        public string? Aor { get; }

        /// <summary>Reachable, Unreachable, Unknown (not qualified yet), NonQualified (qualify off), Lagged (chan_sip).</summary>
        public AmiContactStatus Status { get; }

        /// <summary>
        /// <see cref="GetRoundTrip"/> as text (<c>00:00:00.0005000</c>): ConvertTo-Json writes a TimeSpan as its 15
        /// fields; in PowerShell <c>$contact.RoundTrip</c> is the TimeSpan (type data).
        /// </summary>
        public string? RoundTrip => AmiDurationText.Format(_roundTrip);

        /// <summary>The registering device's <c>User-Agent</c>; null for a static contact or when not sent.</summary>
        public string? UserAgent { get; }

        /// <summary>When the registration expires (UTC); null for a static contact.</summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>When AmiPs last saw its status change (or loaded it).</summary>
        public DateTimeOffset LastChanged { get; }

        /// <summary>Whether the contact answers (Reachable or Lagged).</summary>
        public bool IsReachable => Status is AmiContactStatus.Reachable or AmiContactStatus.Lagged;

        /// <summary>The last qualify round trip while reachable; null otherwise.</summary>
        public TimeSpan? GetRoundTrip() => _roundTrip;

        internal AmiContact WithStatus(AmiContactStatus status, TimeSpan? roundTrip, DateTimeOffset time) =>
            new AmiContact(Uri, Aor, status, roundTrip, UserAgent, ExpiresAt, status == Status ? LastChanged : time);

        /// <summary><c>sip:selftrunk@127.0.0.1:5060 Reachable 0.5 ms</c>.</summary>
        public override string ToString() =>
            _roundTrip is { } rtt ? $"{Uri} {Status} {AmiEndpoint.FormatRoundTrip(rtt)}" : $"{Uri} {Status}";
    }

    /// <summary>
    /// A SIP endpoint (PJSIP) or peer (chan_sip) and its contacts, as the PBX last reported it; live from
    /// <c>ContactStatus</c>, <c>PeerStatus</c> and <c>DeviceStateChange</c>. Immutable: a change makes a new object.
    /// </summary>
    public sealed class AmiEndpoint
    {
        private static readonly AmiContact[] NoContacts = Array.Empty<AmiContact>();
        private static readonly string[] NoAors = Array.Empty<string>();

        public AmiEndpoint(
            string name,
            AmiSipStack stack,
            AmiDeviceState state,
            int? activeChannels,
            string? transport,
            IReadOnlyList<string>? aors,
            IReadOnlyList<AmiContact>? contacts,
            DateTimeOffset lastChanged,
            string? session)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Stack = stack;
            State = state;
            ActiveChannels = activeChannels;
            Transport = string.IsNullOrEmpty(transport) ? null : transport;
            // Text lists (AmiTextList), so CSV shows the AORs and contacts rather than a type name, as for a call's Channels.
            Aors = AsTextList(aors ?? NoAors);
            Contacts = AsTextList(contacts ?? NoContacts);
            LastChanged = lastChanged;
            Session = session;
        }

        /// <summary>The endpoint's name (<c>1001</c>, <c>selftrunk</c>).</summary>
        public string Name { get; }

        /// <summary>The device to dial or to watch: <c>PJSIP/1001</c>, <c>SIP/2002</c>.</summary>
        public string Device => (Stack == AmiSipStack.ChanSip ? "SIP/" : "PJSIP/") + Name;

        /// <summary>Which stack it belongs to (Pjsip, or ChanSip on Asterisk up to 20).</summary>
        public AmiSipStack Stack { get; }

        /// <summary>The device state (NotInUse, InUse, Unavailable, Ringing, ...).</summary>
        public AmiDeviceState State { get; }

        /// <summary><see cref="State"/> as Asterisk names it in <c>PJSIPShowEndpoints</c> (<c>Not in use</c>, <c>Unavailable</c>, ...).</summary>
        public string StateText => AmiSipText.DescribeDeviceState(State);

        /// <summary>Channels of this endpoint when last listed (PJSIP); null for chan_sip.</summary>
        public int? ActiveChannels { get; }

        /// <summary>The PJSIP transport; null for chan_sip or none.</summary>
        public string? Transport { get; }

        /// <summary>The PJSIP AORs (empty for chan_sip).</summary>
        public IReadOnlyList<string> Aors { get; }

        /// <summary>Where the endpoint is reached, each with its status and round trip.</summary>
        public IReadOnlyList<AmiContact> Contacts { get; }

        /// <summary>Whether any contact answers its qualify (Reachable or Lagged).</summary>
        public bool IsReachable
        {
            get
            {
                foreach (var contact in Contacts)
                {
                    if (contact.IsReachable)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The status of the best contact (Reachable before Lagged, NonQualified, Unknown, Unreachable); null with no contact.</summary>
        public AmiContactStatus? ContactStatus => Best()?.Status;

        /// <summary><see cref="GetRoundTrip"/> as text, like <see cref="AmiContact.RoundTrip"/>; in PowerShell the TimeSpan.</summary>
        public string? RoundTrip => AmiDurationText.Format(GetRoundTrip());

        /// <summary>When AmiPs last saw it change (or loaded it).</summary>
        public DateTimeOffset LastChanged { get; }

        /// <summary>The name of the session it came from (binds to <c>-Session</c> by name).</summary>
        public string? Session { get; }

        /// <summary><c>PJSIP/selftrunk Not in use, 1 contact Reachable 0.5 ms</c>.</summary>
        public override string ToString()
        {
            var best = Best();
            var contacts = Contacts.Count == 0 ? "no contact" : Contacts.Count == 1 ? "1 contact" : $"{Contacts.Count} contacts";
            var detail = best is null ? string.Empty : " " + best.Status + (GetRoundTrip() is { } rtt ? " " + FormatRoundTrip(rtt) : string.Empty);
            return $"{Device} {StateText}, {contacts}{detail}";
        }

        /// <summary>The round trip of the fastest reachable contact; null when none is reachable.</summary>
        public TimeSpan? GetRoundTrip()
        {
            TimeSpan? best = null;
            foreach (var contact in Contacts)
            {
                if (contact.GetRoundTrip() is { } rtt && (best is null || rtt < best))
                {
                    best = rtt;
                }
            }

            return best;
        }

        private static IReadOnlyList<T> AsTextList<T>(IReadOnlyList<T> items) =>
            items as AmiTextList<T> ?? new AmiTextList<T>(items as IList<T> ?? new List<T>(items));

        internal static string FormatRoundTrip(TimeSpan rtt) =>
            rtt.TotalMilliseconds.ToString(rtt.TotalMilliseconds < 10 ? "0.0" : "0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

        internal AmiEndpoint With(AmiDeviceState? state = null, IReadOnlyList<AmiContact>? contacts = null, DateTimeOffset? time = null) =>
            new AmiEndpoint(Name, Stack, state ?? State, ActiveChannels, Transport, Aors, contacts ?? Contacts, time ?? LastChanged, Session);

        private AmiContact? Best()
        {
            AmiContact? best = null;
            foreach (var contact in Contacts)
            {
                if (best is null || Rank(contact.Status) < Rank(best.Status))
                {
                    best = contact;
                }
            }

            return best;
        }

        private static int Rank(AmiContactStatus status) => status switch
        {
            AmiContactStatus.Reachable => 0,
            AmiContactStatus.Lagged => 1,
            AmiContactStatus.NonQualified => 2,
            AmiContactStatus.Unknown => 3,
            _ => 4,
        };
    }
}
