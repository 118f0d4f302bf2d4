namespace AmiPs.Events
{
    /// <summary>
    /// A SIP contact's status: PJSIP's <c>Status</c> of <c>ContactList</c>/<c>ContactStatusDetail</c> and
    /// <c>ContactStatus</c> of the live event (which adds <see cref="Created"/>, <see cref="Updated"/> and
    /// <see cref="Removed"/>), or chan_sip's peer <c>Status</c> (<c>OK (1 ms)</c> is Reachable, <c>LAGGED</c> Lagged,
    /// <c>Unmonitored</c> NonQualified).
    /// </summary>
    public enum AmiContactStatus : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary><c>Unknown</c> (not qualified yet), or a text AmiPs does not know.</summary>
        Unknown = 0,

        /// <summary><c>Reachable</c>: the contact answered the last qualify (a round trip is known).</summary>
        Reachable,

        /// <summary><c>Unreachable</c>: the contact did not answer.</summary>
        Unreachable,

        /// <summary><c>NonQualified</c>: not qualified (<c>qualify_frequency=0</c>; chan_sip <c>Unmonitored</c>).</summary>
        NonQualified,

        /// <summary><c>Lagged</c>: chan_sip's answer slower than <c>qualifyfreq</c> allows.</summary>
        Lagged,

        /// <summary><c>Created</c> (a live event only): a contact was added, not qualified yet.</summary>
        Created,

        /// <summary><c>Updated</c> (a live event only): a contact's details changed, its status did not.</summary>
        Updated,

        /// <summary><c>Removed</c> (a live event only): the contact is gone (expired or unregistered).</summary>
        Removed,
    }

    /// <summary>
    /// An outbound registration's status: PJSIP's <c>Registered</c>, <c>Unregistered</c>, <c>Rejected</c>, <c>Failed</c>,
    /// or chan_sip's words (<c>Request Sent</c>, <c>Auth. Sent</c>, <c>No Authentication</c>, <c>Timeout</c>, ...).
    /// </summary>
    public enum AmiRegistrationStatus : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Absent, or a text AmiPs does not know (the text is kept in <c>StatusText</c>).</summary>
        Unknown = 0,

        /// <summary><c>Registered</c>.</summary>
        Registered,

        /// <summary><c>Unregistered</c>: not (or no longer) registered; PJSIP retries.</summary>
        Unregistered,

        /// <summary><c>Rejected</c>: the server refused the registration (or never answered and PJSIP gave up).</summary>
        Rejected,

        /// <summary><c>Failed</c>: the registration failed (no retries left).</summary>
        Failed,

        /// <summary>chan_sip <c>Request Sent</c>: a REGISTER is out, no answer yet.</summary>
        RequestSent,

        /// <summary>chan_sip <c>Auth. Sent</c>: answered a challenge, waiting.</summary>
        AuthSent,

        /// <summary>chan_sip <c>No Authentication</c>: the server wants credentials the client does not have.</summary>
        NoAuthentication,

        /// <summary>chan_sip <c>Timeout</c>.</summary>
        Timeout,
    }

    /// <summary>Which SIP stack a session reads endpoints and registrations from.</summary>
    public enum AmiSipStack : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Not known yet (not loaded), or the server has neither stack.</summary>
        None = 0,

        /// <summary>res_pjsip (<c>PJSIPShowEndpoints</c>, <c>PJSIPShowRegistrationsOutbound</c>).</summary>
        Pjsip,

        /// <summary>chan_sip, Asterisk up to 20 (<c>SIPpeers</c>, <c>SIPshowregistry</c>).</summary>
        ChanSip,
    }
}
