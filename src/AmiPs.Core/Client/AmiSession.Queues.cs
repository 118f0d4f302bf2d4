using AmiPs.Tracking;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        /// <summary>Queues, their members and waiting callers (loaded when <see cref="AmiSessionOptions.Track"/> includes Queues).</summary>
        public AmiQueueTracker Queues { get; private set; } = null!;
    }
}
