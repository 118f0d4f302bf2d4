using System;

namespace AmiPs.Client
{
    /// <summary>Where a session is in its life.</summary>
    public enum AmiSessionState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Not connected: never connected yet, or closed by <c>Disconnect-Ami</c>, or lost with reconnect turned off.</summary>
        Disconnected,

        /// <summary>The first connection and login are under way.</summary>
        Connecting,

        /// <summary>Logged in; events flow and actions can be sent.</summary>
        Connected,

        /// <summary>The connection was lost; the supervisor is trying again with backoff.</summary>
        Reconnecting,

        /// <summary>Gave up after the allowed reconnect attempts, or the first connection failed.</summary>
        Failed,

        /// <summary>The server refused the credentials; never retried, as retrying cannot help and risks a lock-out.</summary>
        AuthenticationFailed,
    }

    /// <summary>One state change, timestamped, with the reason when there is one.</summary>
    public sealed class AmiStateChange
    {
        public AmiStateChange(AmiSessionState previous, AmiSessionState state, DateTimeOffset time, string? reason)
        {
            Previous = previous;
            State = state;
            Time = time;
            Reason = reason;
        }

        public AmiSessionState Previous { get; }

        public AmiSessionState State { get; }

        public DateTimeOffset Time { get; }

        public string? Reason { get; }

        public override string ToString() => $"{Time.ToLocalTime():HH:mm:ss.fff} {Previous} -> {State}{(Reason is null ? string.Empty : ": " + Reason)}";
    }
}
