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
    }
}
