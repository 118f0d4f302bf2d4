using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>Every log event id AmiPs uses, in one table (a test checks they are unique).</summary>
    public static class AmiLogEvents
    {
        public static readonly EventId Connecting = new EventId(1001, nameof(Connecting));
        public static readonly EventId SocketConnected = new EventId(1002, nameof(SocketConnected));
        public static readonly EventId Authenticating = new EventId(1003, nameof(Authenticating));
        public static readonly EventId Authenticated = new EventId(1004, nameof(Authenticated));
        public static readonly EventId ConnectionClosed = new EventId(1005, nameof(ConnectionClosed));
        public static readonly EventId ConnectFailed = new EventId(1006, nameof(ConnectFailed));
        public static readonly EventId AuthenticationFailed = new EventId(1007, nameof(AuthenticationFailed));
        public static readonly EventId StateChanged = new EventId(1010, nameof(StateChanged));
        public static readonly EventId ReconnectScheduled = new EventId(1020, nameof(ReconnectScheduled));
        public static readonly EventId ReconnectFailed = new EventId(1021, nameof(ReconnectFailed));
        public static readonly EventId Reconnected = new EventId(1022, nameof(Reconnected));
        public static readonly EventId ReconnectGaveUp = new EventId(1023, nameof(ReconnectGaveUp));
        public static readonly EventId KeepAliveFailed = new EventId(1030, nameof(KeepAliveFailed));
        public static readonly EventId ProtocolError = new EventId(1040, nameof(ProtocolError));
        public static readonly EventId ActionSent = new EventId(1050, nameof(ActionSent));
        public static readonly EventId ActionTimedOut = new EventId(1051, nameof(ActionTimedOut));
        public static readonly EventId EventHandlerFailed = new EventId(1060, nameof(EventHandlerFailed));
        public static readonly EventId EventsDropped = new EventId(1061, nameof(EventsDropped));
        public static readonly EventId ResyncStarted = new EventId(1070, nameof(ResyncStarted));
        public static readonly EventId ResyncCompleted = new EventId(1071, nameof(ResyncCompleted));
        public static readonly EventId ResyncFailed = new EventId(1072, nameof(ResyncFailed));
        public static readonly EventId ExtensionStatusUpdated = new EventId(1080, nameof(ExtensionStatusUpdated));
        public static readonly EventId Disconnected = new EventId(1090, nameof(Disconnected));
    }
}
