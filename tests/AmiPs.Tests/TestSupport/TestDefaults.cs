using System;
using System.Management.Automation;
using System.Net;
using AmiPs.Client;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// What every test base shares: one deadline for waiting on a condition, one set of fast session options for a
    /// loopback server, one way to make a credential. A deadline is an upper bound on waiting for something that
    /// should happen, never a measure of speed: a test passes as soon as the condition holds.
    /// </summary>
    public static class TestDefaults
    {
        /// <summary>How long a test waits for a condition before it fails (a generous bound for two busy cores).</summary>
        public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

        /// <summary>Session options for a loopback server on <paramref name="port"/>: short reconnect delays, no keep-alive.</summary>
        public static AmiSessionOptions SessionOptions(int port, Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var options = new AmiSessionOptions
            {
                ComputerName = "127.0.0.1",
                Port = port,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                ActionTimeout = TimeSpan.FromSeconds(5),
                ReconnectDelay = TimeSpan.FromMilliseconds(10),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(80),
                KeepAliveInterval = TimeSpan.Zero,
            };
            return change is null ? options : change(options);
        }

        public static NetworkCredential Credential(string user, string secret) => new NetworkCredential(user, secret);

        /// <summary>The same credential as PowerShell takes it (<c>-Credential</c>).</summary>
        public static PSCredential PsCredential(string user, string secret) => new PSCredential(user, new NetworkCredential(string.Empty, secret).SecurePassword);
    }
}
