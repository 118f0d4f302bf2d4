using System;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary><c>ContactStatus</c>: a PJSIP contact was created, removed, qualified (reachable or not) or updated.</summary>
    public sealed class ContactStatusEvent : AmiEvent
    {
        public ContactStatusEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The contact (<c>sip:1001@192.0.2.10:5060</c>).</summary>
        public string? Uri => Raw["URI"];

        /// <summary>What happened, as sent (<c>Reachable</c>, <c>Removed</c>, <c>NonQualified</c>, ...).</summary>
        public string? ContactStatusText => Raw["ContactStatus"];

        /// <summary><see cref="ContactStatusText"/> as an enum.</summary>
        public AmiContactStatus ContactStatus => AmiSipText.ParseContactStatus(ContactStatusText);

        /// <summary>The AOR the contact belongs to.</summary>
        public string? Aor => Raw["AOR"];

        /// <summary>The endpoint the contact belongs to.</summary>
        public string? EndpointName => Raw["EndpointName"];

        /// <summary><see cref="GetRoundTrip"/> as text (<c>00:00:12</c>); in PowerShell <c>.RoundTrip</c> is the TimeSpan (type data).</summary>
        [ReadsField("RoundtripUsec")]
        public string? RoundTrip => AmiDurationText.Format(GetRoundTrip());

        /// <summary>The qualify round trip (<c>RoundtripUsec</c>); null when none (0 or <c>N/A</c>).</summary>
        public TimeSpan? GetRoundTrip() => AmiSipText.ParseRoundTripUsec(Raw["RoundtripUsec"]);

        /// <summary><c>ContactStatus selftrunk sip:selftrunk@127.0.0.1:5060 Reachable</c>.</summary>
        public override string ToString() => $"{Event} {EndpointName} {Uri} {ContactStatusText}";
    }

    /// <summary>
    /// <c>Registry</c>: an outbound registration changed status. PJSIP sends the client URI as <c>Username</c> and the
    /// server URI as <c>Domain</c>; chan_sip the bare user name and host.
    /// </summary>
    public sealed class RegistryEvent : AmiEvent
    {
        public RegistryEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>PJSIP</c> (any case) or <c>SIP</c>.</summary>
        public string? ChannelType => Raw["ChannelType"];

        /// <summary>PJSIP: the client URI (<c>sip:selftrunk@127.0.0.1:5060</c>); chan_sip: the user name.</summary>
        public string? Username => Raw["Username"];

        /// <summary>PJSIP: the server URI (<c>sip:127.0.0.1:5060</c>); chan_sip: the host.</summary>
        public string? Domain => Raw["Domain"];

        /// <summary>The status as sent (<c>Registered</c>, <c>Unregistered</c>, <c>Rejected</c>, <c>Failed</c>, ...).</summary>
        public string? StatusText => Raw["Status"];

        /// <summary><see cref="StatusText"/> as an enum.</summary>
        public AmiRegistrationStatus Status => AmiSipText.ParseRegistrationStatus(StatusText);

        /// <summary>Why, when sent (a failure cause).</summary>
        public string? Cause => Raw["Cause"];

        /// <summary>Whether the event came from chan_sip (<c>ChannelType: SIP</c>).</summary>
        public bool IsChanSip => string.Equals(ChannelType, "SIP", StringComparison.OrdinalIgnoreCase);

        /// <summary><c>Registry sip:selftrunk@127.0.0.1:5060 Registered</c>.</summary>
        public override string ToString() => $"{Event} {Username} {StatusText}";
    }

    /// <summary><c>EndpointList</c>: one item of <c>PJSIPShowEndpoints</c>.</summary>
    public sealed class EndpointListEvent : AmiEvent
    {
        public EndpointListEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The endpoint's name (<c>ObjectName</c>).</summary>
        public string? ObjectName => Raw["ObjectName"];

        /// <summary>The transport it uses (may be empty).</summary>
        public string? Transport => Raw["Transport"];

        /// <summary>Its AORs (<c>Aor</c>, comma-separated).</summary>
        public IReadOnlyList<string> Aors => PjsipText.SplitList(Raw["Aor"]);

        /// <summary>Its inbound auths (names only: the secrets are in <c>AuthDetail</c>, which AmiPs redacts).</summary>
        public IReadOnlyList<string> Auths => PjsipText.SplitList(Raw["Auths"]);

        /// <summary>Its outbound auths (names only).</summary>
        public IReadOnlyList<string> OutboundAuths => PjsipText.SplitList(Raw["OutboundAuths"]);

        /// <summary>
        /// The contact URIs of its AORs: <c>Contacts: aor/uri,aor/uri,</c>, the key repeated once per AOR; the AOR
        /// prefix is dropped.
        /// </summary>
        public IReadOnlyList<string> ContactUris => PjsipText.ContactUris(Raw.GetValues("Contacts"));

        /// <summary>The device state as sent (<c>Not in use</c>, <c>In use</c>, <c>Unavailable</c>, ...).</summary>
        public string? DeviceStateText => Raw["DeviceState"];

        /// <summary><see cref="DeviceStateText"/> as a device state.</summary>
        public AmiDeviceState? DeviceState => AmiSipText.ParseDeviceState(DeviceStateText);

        /// <summary>The number of channels of this endpoint now.</summary>
        public int? ActiveChannels => AmiValues.ParseInt(Raw["ActiveChannels"]);

        /// <summary><c>EndpointList 1001 Unavailable</c>.</summary>
        public override string ToString() => $"{Event} {ObjectName} {DeviceStateText}";
    }

    /// <summary>
    /// A contact item: <c>ContactList</c> (<c>PJSIPShowContacts</c>, registered contacts) or <c>ContactStatusDetail</c>
    /// (<c>PJSIPShowEndpoint</c>, static ones too). The two spell their keys differently; this class reads both.
    /// </summary>
    public sealed class ContactListEvent : AmiEvent
    {
        public ContactListEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The contact URI (<c>Uri</c>, or <c>URI</c> in <c>ContactStatusDetail</c>: look-ups ignore case).</summary>
        public string? Uri => Raw["Uri"];

        /// <summary>The endpoint (<c>Endpoint</c>, or <c>EndpointName</c> in <c>ContactStatusDetail</c>).</summary>
        [ReadsField("Endpoint")]
        public string? EndpointName => Raw["Endpoint"] ?? Raw["EndpointName"];

        /// <summary>The AOR: <c>AOR</c> in <c>ContactStatusDetail</c>, the part of <c>ObjectName</c> before <c>;@</c> in <c>ContactList</c>.</summary>
        public string? Aor => Raw["AOR"] ?? PjsipText.AorOfContactId(Raw["ObjectName"]);

        /// <summary>The status as sent (<c>Reachable</c>, <c>Unreachable</c>, <c>Unknown</c>, <c>NonQualified</c>).</summary>
        public string? StatusText => Raw["Status"];

        /// <summary><see cref="StatusText"/> as an enum.</summary>
        public AmiContactStatus Status => AmiSipText.ParseContactStatus(StatusText);

        /// <summary><see cref="GetRoundTrip"/> as text (<c>00:00:12</c>); in PowerShell <c>.RoundTrip</c> is the TimeSpan (type data).</summary>
        [ReadsField("RoundtripUsec")]
        public string? RoundTrip => AmiDurationText.Format(GetRoundTrip());

        /// <summary>The last qualify round trip; null when none (<c>N/A</c>).</summary>
        public TimeSpan? GetRoundTrip() => AmiSipText.ParseRoundTripUsec(Raw["RoundtripUsec"]);

        /// <summary>The registering device's <c>User-Agent</c>; null when empty.</summary>
        public string? UserAgent => PjsipText.NonEmpty(Raw["UserAgent"]);

        /// <summary>When the registration expires (<c>ExpirationTime</c> epoch seconds, or <c>RegExpire</c>); null for a static contact.</summary>
        [ReadsField("ExpirationTime", "RegExpire")]
        public DateTimeOffset? ExpiresAt => AmiValues.ParseEpochSeconds(Raw["ExpirationTime"] ?? Raw["RegExpire"]);

        /// <summary>Seconds between qualifies (0: not qualified).</summary>
        public int? QualifyFrequency => AmiValues.ParseInt(Raw["QualifyFrequency"]);

        /// <summary><c>ContactList sip:selftrunk@127.0.0.1:5060 Reachable</c>.</summary>
        public override string ToString() => $"{Event} {Uri} {StatusText}";
    }

    /// <summary><c>OutboundRegistrationDetail</c>: one item of <c>PJSIPShowRegistrationsOutbound</c>.</summary>
    public sealed class OutboundRegistrationDetailEvent : AmiEvent
    {
        public OutboundRegistrationDetailEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The registration's name (<c>ObjectName</c>).</summary>
        public string? ObjectName => Raw["ObjectName"];

        /// <summary>The registrar (<c>sip:127.0.0.1:5060</c>).</summary>
        public string? ServerUri => Raw["ServerUri"];

        /// <summary>The address of record registered (<c>sip:selftrunk@127.0.0.1:5060</c>).</summary>
        public string? ClientUri => Raw["ClientUri"];

        /// <summary>The status as sent.</summary>
        public string? StatusText => Raw["Status"];

        /// <summary><see cref="StatusText"/> as an enum.</summary>
        public AmiRegistrationStatus Status => AmiSipText.ParseRegistrationStatus(StatusText);

        /// <summary>Seconds until the next REGISTER (<c>NextReg</c>; 0 when none is scheduled).</summary>
        public int? NextReg => AmiValues.ParseInt(Raw["NextReg"]);

        /// <summary>The expiration asked for, in seconds.</summary>
        public int? Expiration => AmiValues.ParseInt(Raw["Expiration"]);

        /// <summary>Seconds between retries after a failure.</summary>
        public int? RetryInterval => AmiValues.ParseInt(Raw["RetryInterval"]);

        /// <summary>How many retries before giving up.</summary>
        public int? MaxRetries => AmiValues.ParseInt(Raw["MaxRetries"]);

        /// <summary>The name of its outbound auth (never its secret).</summary>
        public string? OutboundAuth => Raw["OutboundAuth"];

        /// <summary>The transport it uses.</summary>
        public string? Transport => Raw["Transport"];

        /// <summary><c>OutboundRegistrationDetail provider Registered</c>.</summary>
        public override string ToString() => $"{Event} {ObjectName} {StatusText}";
    }

    /// <summary>
    /// <c>AuthDetail</c>: a PJSIP auth object (from <c>PJSIPShowEndpoint</c> and <c>PJSIPShowRegistrationsOutbound</c>).
    /// Its <c>Password</c>, <c>Md5Cred</c> and other secrets are replaced with <see cref="AmiSecrets.Redacted"/> as the
    /// message is read, before anything else sees it; this class has no property for them.
    /// </summary>
    public sealed class AuthDetailEvent : AmiEvent
    {
        public AuthDetailEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The auth's name (<c>ObjectName</c>).</summary>
        public string? ObjectName => Raw["ObjectName"];

        /// <summary>The user name it authenticates as.</summary>
        public string? Username => Raw["Username"];

        /// <summary><c>userpass</c>, <c>md5</c>, <c>oauth</c>, ...</summary>
        public string? AuthType => Raw["AuthType"];

        /// <summary>The endpoint it was listed for (<c>PJSIPShowEndpoint</c>), else null.</summary>
        public string? EndpointName => Raw["EndpointName"];

        /// <summary><c>AuthDetail provider-auth selftrunk</c> (never a secret).</summary>
        public override string ToString() => $"{Event} {ObjectName} {Username}";
    }

    /// <summary>Small readers of PJSIP list values.</summary>
    internal static class PjsipText
    {
        private static readonly string[] None = Array.Empty<string>();

        /// <summary><c>a,b,</c> as <c>[a, b]</c>; empty text gives an empty list.</summary>
        public static IReadOnlyList<string> SplitList(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return None;
            }

            var parts = text!.Split(',');
            var list = new List<string>(parts.Length);
            foreach (var part in parts)
            {
                var trimmed = part.Trim();
                if (trimmed.Length != 0)
                {
                    list.Add(trimmed);
                }
            }

            return list;
        }

        /// <summary>The URIs of <c>Contacts: aor/sip:uri,aor/sip:uri,</c> lines, without their <c>aor/</c> prefix.</summary>
        public static IReadOnlyList<string> ContactUris(IReadOnlyList<string> lines)
        {
            var uris = new List<string>();
            foreach (var line in lines)
            {
                foreach (var entry in SplitList(line))
                {
                    var slash = entry.IndexOf('/');
                    uris.Add(slash >= 0 ? entry.Substring(slash + 1) : entry);
                }
            }

            return uris;
        }

        /// <summary>A <c>ContactList</c> id (<c>selftrunk;@fe66...</c>) names its AOR before <c>;@</c>.</summary>
        public static string? AorOfContactId(string? id)
        {
            if (id is null)
            {
                return null;
            }

            var at = id.IndexOf(";@", StringComparison.Ordinal);
            return at > 0 ? id.Substring(0, at) : null;
        }

        public static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
