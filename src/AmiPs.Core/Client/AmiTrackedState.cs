using System;

namespace AmiPs.Client
{
    /// <summary>
    /// What a session loads from the PBX after every login and keeps live from events. A monitoring check asks only
    /// for what it reads (<see cref="None"/> for a connect-and-ping test), so it costs a large PBX little.
    /// </summary>
    [Flags]
    public enum AmiTrackedState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Nothing is loaded or tracked: login, actions and events only.</summary>
        None = 0,

        /// <summary>Calls and their channels (<c>CoreShowChannels</c>, then channel, dial and bridge events).</summary>
        Calls = 1,

        /// <summary>Hinted extensions (<c>ExtensionStateList</c>, then <c>ExtensionStatus</c>).</summary>
        Extensions = 2,

        /// <summary>SIP endpoints and their contacts (PJSIP, or chan_sip peers where PJSIP is absent).</summary>
        Endpoints = 4,

        /// <summary>Outbound registrations (trunks).</summary>
        Registrations = 8,

        /// <summary>Queues, their members and waiting callers.</summary>
        Queues = 16,

        /// <summary>Everything AmiPs tracks: the default of <c>Connect-Ami</c>.</summary>
        All = Calls | Extensions | Endpoints | Registrations | Queues,
    }
}
