using System;
using System.Globalization;

namespace AmiPs.Simulator
{
    /// <summary>The live SIP events, field for field as <c>pjsip-events.ami</c> (and chan_sip's as Asterisk 20 writes them).</summary>
    internal static class SipEvents
    {
        public static SimEvent ContactStatus(string uri, string status, string endpoint, int roundtripUsec) =>
            new SimEvent("ContactStatus", AmiClasses.System)
                .Add("URI", uri)
                .Add("ContactStatus", status)
                .Add("AOR", endpoint)
                .Add("EndpointName", endpoint)
                .Add("RoundtripUsec", roundtripUsec);

        public static SimEvent PeerStatus(string channelType, string name, string status) =>
            new SimEvent("PeerStatus", AmiClasses.System)
                .Add("ChannelType", channelType)
                .Add("Peer", channelType + "/" + name)
                .Add("PeerStatus", status);

        /// <summary>chan_sip's qualify result: <c>Time</c> in ms, -1 when unreachable.</summary>
        public static SimEvent SipPeerStatus(string name, string status, int time) =>
            PeerStatus("SIP", name, status).Add("Time", time);

        public static SimEvent Registry(string channelType, string username, string domain, string status) =>
            new SimEvent("Registry", AmiClasses.System)
                .Add("ChannelType", channelType)
                .Add("Username", username)
                .Add("Domain", domain)
                .Add("Status", status);

        /// <summary>PJSIP's security event when the registrar challenges a REGISTER (<c>Service: PJSIP</c>).</summary>
        public static SimEvent ChallengeSent(string account) => Security("ChallengeSent", account).Add("Challenge", string.Empty);

        /// <summary>PJSIP's security event when the challenged REGISTER authenticates.</summary>
        public static SimEvent SuccessfulAuth(string account) => Security("SuccessfulAuth", account).Add("UsingPassword", "1");

        private static SimEvent Security(string name, string account) =>
            new SimEvent(name, AmiClasses.Security)
                .Add("EventTV", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture))
                .Add("Severity", "Informational")
                .Add("Service", "PJSIP")
                .Add("EventVersion", "1")
                .Add("AccountID", account)
                .Add("SessionID", "240de3f8-3c9b-48ce-b4d8-480b0dd1e801")
                .Add("LocalAddress", "IPV4/UDP/127.0.0.1/5060")
                .Add("RemoteAddress", "IPV4/UDP/127.0.0.1/5060");
    }
}
