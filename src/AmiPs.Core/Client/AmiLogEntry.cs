using System;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>One line of a session's background log. Messages are built from templates whose arguments never include a secret.</summary>
    public sealed class AmiLogEntry
    {
        public AmiLogEntry(DateTimeOffset time, LogLevel level, EventId eventId, string session, string message, string? exception)
        {
            Time = time;
            Level = level;
            EventId = eventId.Id;
            EventName = eventId.Name ?? string.Empty;
            Session = session;
            Message = message;
            Exception = exception;
        }

        public DateTimeOffset Time { get; }

        public LogLevel Level { get; }

        public int EventId { get; }

        public string EventName { get; }

        public string Session { get; }

        public string Message { get; }

        /// <summary>The exception's message (not its stack), when there was one.</summary>
        public string? Exception { get; }

        public override string ToString() => $"{Time.ToLocalTime():yyyy-MM-dd HH:mm:ss.fff} {Level,-11} [{Session}] {Message}{(Exception is null ? string.Empty : " (" + Exception + ")")}";
    }
}
