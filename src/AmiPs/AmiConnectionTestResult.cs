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

        /// <summary>From the start until the TCP (and TLS) connection was up.</summary>
        public TimeSpan? ConnectTime { get; internal set; }

        /// <summary>From the start until the server accepted the login.</summary>
        public TimeSpan? LoginTime { get; internal set; }

        public TimeSpan? PingRoundTrip { get; internal set; }

        /// <summary>The AMI version from the server's banner.</summary>
        public string? AmiVersion { get; internal set; }

        /// <summary>Why the test failed (null on success).</summary>
        public string? Error { get; internal set; }

        /// <summary>A stable id for the failure, such as AmiConnectionRefused or AmiAuthenticationFailed.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>When the test started.</summary>
        public DateTimeOffset Time { get; }

        public override string ToString() => Success
            ? $"{ComputerName}:{Port} OK (login {LoginTime?.TotalMilliseconds:0} ms, ping {PingRoundTrip?.TotalMilliseconds:0.0} ms)"
            : $"{ComputerName}:{Port} FAILED: {Error}";
    }
}
