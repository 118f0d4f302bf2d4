using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// A view of PBX state that a session loads after every login and keeps live from events: the plug-in point for
    /// trackers beyond calls and extensions (endpoints, registrations, queues). The session calls
    /// <see cref="Apply"/> on the reader thread for every event, in order, and <see cref="ResyncAsync"/> after each
    /// login when <see cref="AmiSessionOptions.Track"/> includes <see cref="Kind"/>. An implementation matches on
    /// event types (<c>switch (amiEvent) { case ContactStatusEvent c: ... }</c>), is thread-safe for readers, and
    /// lets events handled during a load win over the (older) list.
    /// </summary>
    internal interface IAmiStateTracker
    {
        /// <summary>Which flag of <see cref="AmiSessionOptions.Track"/> turns this tracker on.</summary>
        AmiTrackedState Kind { get; }

        /// <summary>Applies one live event (most are not this tracker's: return at once, allocating nothing).</summary>
        void Apply(AmiEvent amiEvent);

        /// <summary>Reloads the whole view from the PBX; failures are logged by the session, never fatal.</summary>
        Task ResyncAsync(AmiSession session, CancellationToken cancellationToken);
    }
}
