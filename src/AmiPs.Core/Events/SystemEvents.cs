using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary><c>FullyBooted</c>: the server finished starting; also sent right after login.</summary>
    public sealed class FullyBootedEvent : AmiEvent
    {
        public FullyBootedEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The text Asterisk sends (<c>Fully Booted</c>).</summary>
        public string? Status => Raw["Status"];

        /// <summary><see cref="GetUptime"/> as text (<c>00:00:12</c>); in PowerShell <c>.Uptime</c> is the TimeSpan (type data).</summary>
        public string? Uptime => AmiDurationText.Format(GetUptime());

        /// <summary>How long the server has run (<c>Uptime</c>, seconds), when sent.</summary>
        public TimeSpan? GetUptime() => Seconds(Raw["Uptime"]);

        /// <summary><see cref="GetLastReload"/> as text (<c>00:00:12</c>); in PowerShell <c>.LastReload</c> is the TimeSpan (type data).</summary>
        public string? LastReload => AmiDurationText.Format(GetLastReload());

        /// <summary>How long since the last reload (<c>LastReload</c>, seconds), when sent.</summary>
        public TimeSpan? GetLastReload() => Seconds(Raw["LastReload"]);

        /// <summary><c>FullyBooted uptime 00:00:12</c>.</summary>
        public override string ToString() => GetUptime() is TimeSpan uptime ? $"{Event} uptime {uptime}" : Event;

        private static TimeSpan? Seconds(string? text) => AmiValues.ParseInt(text) is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
    }

    /// <summary>
    /// <c>Shutdown</c>: the server is stopping or restarting; every session is closed right after (the session
    /// reconnects on its own when the server is back).
    /// </summary>
    public sealed class ShutdownEvent : AmiEvent
    {
        public ShutdownEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>How, as sent: <c>Cleanly</c> or <c>Uncleanly</c>.</summary>
        public string? Shutdown => Raw["Shutdown"];

        /// <summary>Whether the shutdown is clean (waits for calls to end or was asked gracefully); null when not said.</summary>
        public bool? IsClean => Shutdown switch
        {
            null => null,
            var text when string.Equals(text, "Cleanly", StringComparison.OrdinalIgnoreCase) => true,
            var text when string.Equals(text, "Uncleanly", StringComparison.OrdinalIgnoreCase) => false,
            _ => null,
        };

        /// <summary>Whether the server restarts (<c>Restart: True</c>) rather than stops.</summary>
        public bool? Restart => AmiValues.ParseBool(Raw["Restart"]);

        /// <summary><c>Shutdown Cleanly, restart</c> or <c>Shutdown Uncleanly, stop</c>.</summary>
        public override string ToString() => $"{Event} {Shutdown ?? "?"}, {(Restart == true ? "restart" : "stop")}";
    }

    /// <summary><c>Reload</c>: a module (or everything, <c>Module: All</c>) was reloaded. Not a disconnect.</summary>
    public sealed class ReloadEvent : AmiEvent
    {
        public ReloadEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The module (<c>app_queue.so</c>, <c>All</c>, or <c>Manager</c> for the manager's own reload).</summary>
        public string? Module => Raw["Module"];

        /// <summary>
        /// The status as sent: a number (Asterisk's reload result, see <see cref="Result"/>) for module reloads,
        /// <c>Enabled</c>/<c>Disabled</c> for the manager's own.
        /// </summary>
        public string? Status => Raw["Status"];

        /// <summary>A numeric <see cref="Status"/> as an enum (0 Success, 2 NotFound, 3 Error, ...); null when it is text.</summary>
        public AmiReloadResult? Result => (AmiReloadResult?)AmiValues.ParseInt(Status);

        /// <summary>The manager's reload message, when sent.</summary>
        public string? Message => Raw["Message"];

        /// <summary><c>Reload app_queue.so 0 (Success)</c> or <c>Reload Manager Enabled</c>.</summary>
        public override string ToString()
        {
            var meaning = AmiStateText.DescribeReloadResult(AmiValues.ParseInt(Status));
            return meaning is null ? $"{Event} {Module} {Status}" : $"{Event} {Module} {Status} ({meaning})";
        }
    }
}
