using System;

namespace AmiPs.Client
{
    /// <summary>A snapshot of a session's health, for people and for monitoring jobs. Plain values only: it serialises to JSON without cycles or secrets.</summary>
    public sealed class AmiSessionStatus
    {
        internal AmiSessionStatus(AmiSession session, int subscribers, int pendingActions)
        {
            Name = session.Name;
            SessionId = session.Id;
            State = session.State;
            ComputerName = session.ComputerName;
            Port = session.Port;
            UserName = session.UserName;
            UseTls = session.UseTls;
            AmiVersion = session.AmiVersion;
            ConnectedSince = session.ConnectedSince;
            ReconnectCount = session.ReconnectCount;
            LastError = session.LastError;
            LastPingRoundTrip = session.LastPingRoundTrip;
            EventsReceived = session.EventsReceived;
            EventsDropped = session.EventsDropped;
            ProtocolErrors = session.ProtocolErrors;
            Subscribers = subscribers;
            PendingActions = pendingActions;
            Time = DateTimeOffset.Now;
        }

        /// <summary>Connected, and nothing says otherwise.</summary>
        public bool IsHealthy => State == AmiSessionState.Connected;

        public string Name { get; }

        public int SessionId { get; }

        public AmiSessionState State { get; }

        public string ComputerName { get; }

        public int Port { get; }

        public string UserName { get; }

        public bool UseTls { get; }

        public string? AmiVersion { get; }

        public DateTimeOffset? ConnectedSince { get; }

        public TimeSpan? Uptime => ConnectedSince is { } since ? Time - since : (TimeSpan?)null;

        public int ReconnectCount { get; }

        public string? LastError { get; }

        public TimeSpan? LastPingRoundTrip { get; }

        public long EventsReceived { get; }

        public long EventsDropped { get; }

        public long ProtocolErrors { get; }

        public int Subscribers { get; }

        public int PendingActions { get; }

        /// <summary>When this snapshot was taken.</summary>
        public DateTimeOffset Time { get; }

        public override string ToString() => $"{Name}: {State}{(IsHealthy ? string.Empty : " (unhealthy)")}, {EventsReceived} events, {ReconnectCount} reconnects";
    }
}
