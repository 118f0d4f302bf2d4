using Microsoft.Extensions.Logging;

namespace AmiPs.Simulator
{
    /// <summary>Every log event id of the simulator, in one table (ids 3000-3099).</summary>
    internal static class SimulatorLogEvents
    {
        public static readonly EventId Listening = new EventId(3000, nameof(Listening));
        public static readonly EventId Stopped = new EventId(3001, nameof(Stopped));
        public static readonly EventId SessionOpened = new EventId(3002, nameof(SessionOpened));
        public static readonly EventId SessionClosed = new EventId(3003, nameof(SessionClosed));
        public static readonly EventId LoginFailed = new EventId(3004, nameof(LoginFailed));
        public static readonly EventId SlowClient = new EventId(3005, nameof(SlowClient));
        public static readonly EventId Fault = new EventId(3006, nameof(Fault));
        public static readonly EventId TlsFailed = new EventId(3007, nameof(TlsFailed));
    }
}
