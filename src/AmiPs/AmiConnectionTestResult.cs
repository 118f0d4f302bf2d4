using System;

namespace AmiPs.Commands
{
    /// <summary>
    /// What <c>Test-AmiConnection</c> found: how long each step took, or the error that stopped it. Plain values
    /// only, so it converts to JSON for monitoring jobs; no secret is reachable from it.
    /// </summary>
    public sealed class AmiConnectionTestResult
    {
        internal AmiConnectionTestResult(string computerName, int port, string userName)
        {
            ComputerName = computerName;
            Port = port;
            UserName = userName;
            Time = DateTimeOffset.Now;
        }

        /// <summary>Connected, logged in and answered the Ping.</summary>
        public bool Success { get; internal set; }

        public string ComputerName { get; }

        public int Port { get; }

        public string UserName { get; }

        // The timings are export text (00:00:00.0012345) for ConvertTo-Json, which writes a TimeSpan as its 15 fields;
        // in PowerShell $result.LoginTime is the TimeSpan (type data in AmiPs.types.ps1xml), as for calls and status.

        /// <summary>From the start until the TCP (and TLS) connection was up (text; <see cref="GetConnectTime"/>).</summary>
        public string? ConnectTime => Text(GetConnectTime());

        /// <summary>From the start until the server accepted the login (text; <see cref="GetLoginTime"/>).</summary>
        public string? LoginTime => Text(GetLoginTime());

        /// <summary>The Ping's round trip (text; <see cref="GetPingRoundTrip"/>).</summary>
        public string? PingRoundTrip => Text(GetPingRoundTrip());

        /// <summary>The AMI version from the server's banner.</summary>
        public string? AmiVersion { get; internal set; }

        /// <summary>Why the test failed (null on success).</summary>
        public string? Error { get; internal set; }

        /// <summary>A stable id for the failure, such as AmiConnectionRefused or AmiAuthenticationFailed.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>When the test started.</summary>
        public DateTimeOffset Time { get; }

        internal TimeSpan? ConnectTimeSpan { get; set; }

        internal TimeSpan? LoginTimeSpan { get; set; }

        internal TimeSpan? PingRoundTripSpan { get; set; }

        public TimeSpan? GetConnectTime() => ConnectTimeSpan;

        public TimeSpan? GetLoginTime() => LoginTimeSpan;

        public TimeSpan? GetPingRoundTrip() => PingRoundTripSpan;

        public override string ToString() => Success
            ? $"{ComputerName}:{Port} OK (login {LoginTimeSpan?.TotalMilliseconds:0} ms, ping {PingRoundTripSpan?.TotalMilliseconds:0.0} ms)"
            : $"{ComputerName}:{Port} FAILED: {Error}";

        private static string? Text(TimeSpan? span) => span is { } value ? AmiDurationText.Format(value) : null;
    }
}
