using System;

namespace AmiPs.Client
{
    /// <summary>A snapshot of a session's health, for people and for monitoring jobs. Plain values only: it serialises to JSON without cycles or secrets.</summary>
    public sealed class AmiSessionStatus
    {
        private readonly TimeSpan? _lastPingRoundTrip;

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
            _lastPingRoundTrip = session.GetLastPingRoundTrip();
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

        /// <summary><see cref="GetUptime"/> as text (<c>01:02:03.2500000</c>); in PowerShell <c>$status.Uptime</c> is the TimeSpan (type data), as <c>ConvertTo-Json</c> would write a TimeSpan as its 15 fields.</summary>
        public string? Uptime => GetUptime() is { } uptime ? AmiDurationText.Format(uptime) : null;

        public int ReconnectCount { get; }

        public string? LastError { get; }

        /// <summary><see cref="GetLastPingRoundTrip"/> as text (<c>00:00:00.0012345</c>); in PowerShell <c>$status.LastPingRoundTrip</c> is the TimeSpan.</summary>
        public string? LastPingRoundTrip => _lastPingRoundTrip is { } ping ? AmiDurationText.Format(ping) : null;

        public long EventsReceived { get; }

        public long EventsDropped { get; }

        public long ProtocolErrors { get; }

        public int Subscribers { get; }

        public int PendingActions { get; }

        /// <summary>When this snapshot was taken.</summary>
        public DateTimeOffset Time { get; }

        /// <summary>How long the session has been connected when the snapshot was taken; null when not connected.</summary>
        public TimeSpan? GetUptime() => ConnectedSince is { } since ? Time - since : (TimeSpan?)null;

        /// <summary>The last keep-alive ping's round trip; null before the first.</summary>
        public TimeSpan? GetLastPingRoundTrip() => _lastPingRoundTrip;

        public override string ToString() => $"{Name}: {State}{(IsHealthy ? string.Empty : " (unhealthy)")}, {EventsReceived} events, {ReconnectCount} reconnects";
    }
}
