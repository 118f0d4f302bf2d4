using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary><c>PeerEntry</c>: one chan_sip peer of <c>SIPpeers</c> (Asterisk up to 20).</summary>
    public sealed class PeerEntryEvent : AmiEvent
    {
        public PeerEntryEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The peer's name (<c>ObjectName</c>).</summary>
        public string? ObjectName => Raw["ObjectName"];

        /// <summary><c>SIP</c>.</summary>
        public string? ChannelType => Raw["Channeltype"];

        /// <summary>The peer's address; null when it has none (<c>-none-</c>: a dynamic peer not registered).</summary>
        public string? IPAddress => Raw["IPaddress"] is { Length: > 0 } ip && ip != "-none-" ? ip : null;

        /// <summary>The peer's port (0 when it has no address).</summary>
        public int? IPPort => AmiValues.ParseInt(Raw["IPport"]);

        /// <summary>Whether the peer registers (<c>host=dynamic</c>).</summary>
        public bool? Dynamic => AmiValues.ParseBool(Raw["Dynamic"]);

        /// <summary>The qualify status as sent (<c>OK (1 ms)</c>, <c>UNREACHABLE</c>, <c>UNKNOWN</c>, <c>LAGGED (..)</c>, <c>Unmonitored</c>).</summary>
        public string? StatusText => Raw["Status"];

        /// <summary><see cref="StatusText"/> as a contact status.</summary>
        public AmiContactStatus Status => AmiSipText.ParseContactStatus(StatusText);

        /// <summary><see cref="GetRoundTrip"/> as text (<c>00:00:12</c>); in PowerShell <c>.RoundTrip</c> is the TimeSpan (type data).</summary>
        public string? RoundTrip => AmiDurationText.Format(GetRoundTrip());

        /// <summary>The round trip in <c>OK (1 ms)</c>; null otherwise.</summary>
        public TimeSpan? GetRoundTrip() => AmiSipText.ParsePeerRoundTrip(StatusText);

        /// <summary>The peer's description (may be empty).</summary>
        public string? Description => Raw["Description"];

        /// <summary>The peer's account code (may be empty).</summary>
        public string? AccountCode => Raw["Accountcode"];

        /// <summary><c>PeerEntry 2002 UNREACHABLE</c>.</summary>
        public override string ToString() => $"{Event} {ObjectName} {StatusText}";
    }

    /// <summary><c>RegistryEntry</c>: one chan_sip outbound registration of <c>SIPshowregistry</c>.</summary>
    public sealed class RegistryEntryEvent : AmiEvent
    {
        public RegistryEntryEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The registrar's host (what the live <c>Registry</c> event sends as <c>Domain</c>).</summary>
        public string? Host => Raw["Host"];

        /// <summary>The registrar's port.</summary>
        public int? Port => AmiValues.ParseInt(Raw["Port"]);

        /// <summary>The user name registered.</summary>
        public string? Username => Raw["Username"];

        /// <summary>The registration's domain.</summary>
        public string? Domain => Raw["Domain"];

        /// <summary>The domain's port.</summary>
        public int? DomainPort => AmiValues.ParseInt(Raw["DomainPort"]);

        /// <summary>The refresh interval in seconds.</summary>
        public int? Refresh => AmiValues.ParseInt(Raw["Refresh"]);

        /// <summary>The state as sent (<c>Registered</c>, <c>Request Sent</c>, <c>Rejected</c>, ...).</summary>
        public string? StateText => Raw["State"];

        /// <summary><see cref="StateText"/> as an enum.</summary>
        public AmiRegistrationStatus State => AmiSipText.ParseRegistrationStatus(StateText);

        /// <summary>When it last registered (epoch seconds); null for never.</summary>
        public DateTimeOffset? RegistrationTime => AmiValues.ParseEpochSeconds(Raw["RegistrationTime"]);

        /// <summary><c>RegistryEntry trunkuser@127.0.0.1 Request Sent</c>.</summary>
        public override string ToString() => $"{Event} {Username}@{Host} {StateText}";
    }

    /// <summary><c>CoreShowChannel</c>: one live channel of <c>CoreShowChannels</c> (the channel block and what it runs).</summary>
    public sealed class CoreShowChannelEvent : AmiChannelEvent
    {
        public CoreShowChannelEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The dialplan application the channel runs (<c>Dial</c>, <c>Queue</c>, <c>AppDial</c>).</summary>
        public string? Application => Raw["Application"];

        /// <summary>The application's arguments.</summary>
        public string? ApplicationData => Raw["ApplicationData"];

        /// <summary><see cref="GetDuration"/> as text (<c>00:00:12</c>); in PowerShell <c>.Duration</c> is the TimeSpan (type data).</summary>
        public string? Duration => AmiDurationText.Format(GetDuration());

        /// <summary>How long the channel has existed (<c>Duration: hh:mm:ss</c>, hours may pass 99).</summary>
        public TimeSpan? GetDuration() => ParseDuration(Raw["Duration"]);

        /// <summary>The bridge the channel is in; null when none.</summary>
        public string? BridgeId => Raw["BridgeId"] is { Length: > 0 } id ? id : null;

        /// <summary><c>CoreShowChannel PJSIP/1001-00000001 Up 00:03:12</c>.</summary>
        public override string ToString() => $"{base.ToString()} {ChannelStateDesc} {Raw["Duration"]}";

        internal static TimeSpan? ParseDuration(string? text)
        {
            // hh:mm:ss where hh may have more than two digits on a channel up for days.
            var parts = text?.Split(':');
            if (parts is null || parts.Length != 3)
            {
                return null;
            }

            return int.TryParse(parts[0], out var h) && int.TryParse(parts[1], out var m) && int.TryParse(parts[2], out var s) && h >= 0 && m >= 0 && s >= 0
                ? new TimeSpan(h, m, s)
                : (TimeSpan?)null;
        }
    }
}
