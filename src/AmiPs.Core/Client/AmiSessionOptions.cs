using System;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmiPs.Client
{
    /// <summary>
    /// How a session connects and behaves. No host and no secret have defaults: the host comes from the caller
    /// or <c>AMI_HOST</c>, the secret travels separately (see <c>AmiSession</c>) and is never part of the options.
    /// </summary>
    public sealed record AmiSessionOptions
    {
        public const int DefaultPort = 5038;
        public const int DefaultTlsPort = 5039;

        public static AmiSessionOptions Default { get; } = new AmiSessionOptions();

        /// <summary>A name to tell sessions apart (defaults to the host).</summary>
        public string? Name { get; init; }

        public string ComputerName { get; init; } = string.Empty;

        /// <summary>The TCP port; null means 5038, or 5039 with TLS.</summary>
        public int? Port { get; init; }

        public AmiAuthType AuthType { get; init; } = AmiAuthType.MD5;

        public bool UseTls { get; init; }

        public bool SkipCertificateCheck { get; init; }

        /// <summary>The <c>Events:</c> mask sent at login: <c>on</c>, <c>off</c> or a class list such as <c>call,system</c>.</summary>
        public string Events { get; init; } = "on";

        public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

        public TimeSpan ActionTimeout { get; init; } = TimeSpan.FromSeconds(10);

        /// <summary>How often to Ping an idle server; zero turns keep-alive off.</summary>
        public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a keep-alive Ping may stay unanswered, with nothing else received, before the peer is dead; null = the smaller of 10 s and the interval.</summary>
        public TimeSpan? PingTimeout { get; init; }

        public bool Reconnect { get; init; } = true;

        /// <summary>The first reconnect delay; each further attempt doubles it up to <see cref="MaxReconnectDelay"/>, with jitter.</summary>
        public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

        public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>Reconnect attempts before the session is <see cref="AmiSessionState.Failed"/>; 0 = forever.</summary>
        public int MaxReconnectAttempts { get; init; } = 10;

        public int MaxLineLength { get; init; } = AmiFrameParser.DefaultMaxLineLength;

        public int MaxMessageLength { get; init; } = AmiFrameParser.DefaultMaxMessageLength;

        /// <summary>
        /// Recent events kept for <c>Receive-AmiEvent -Since</c>; 0 turns history off. Kept as bytes, in room for
        /// 512 bytes an event on average, so fewer are kept when events are larger.
        /// </summary>
        public int EventHistorySize { get; init; } = 10_000;

        /// <summary>Events each subscriber may have waiting; beyond that the oldest are dropped and counted.</summary>
        /// <remarks>
        /// 50,000 gives a consumer that keeps up on average 80 ms of slack at a flood's 600,000 events a second (a
        /// thread can lose its core that long on a busy two-core machine), and seconds at a busy PBX's peak. The queue
        /// grows only as events wait, so it costs nothing while the consumer keeps up; a consumer that stalls holds at
        /// most this many events (16.5 MB measured for 50,000 flood events) and the rest are dropped and counted.
        /// </remarks>
        public int SubscriptionCapacity { get; init; } = 50_000;

        /// <summary>What is loaded after every login and kept live from events; <see cref="AmiTrackedState.None"/> for a light check.</summary>
        public AmiTrackedState Track { get; init; } = AmiTrackedState.All;

        /// <summary>Ended calls kept for reading after the fact.</summary>
        public int CompletedCallLimit { get; init; } = 1_000;

        /// <summary>Background log entries kept per session for <c>Get-AmiLog</c>.</summary>
        public int LogCapacity { get; init; } = 1_000;

        public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

        public int EffectivePort => Port ?? (UseTls ? DefaultTlsPort : DefaultPort);

        public TimeSpan EffectivePingTimeout => PingTimeout ?? (KeepAliveInterval > TimeSpan.Zero && KeepAliveInterval < TimeSpan.FromSeconds(10) ? KeepAliveInterval : TimeSpan.FromSeconds(10));

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(ComputerName))
            {
                throw new ArgumentException("No PBX host given: pass -ComputerName or set AMI_HOST. AmiPs has no default host.", nameof(ComputerName));
            }

            if (EffectivePort is < 1 or > 65535)
            {
                throw new ArgumentException($"Port {EffectivePort} is not a TCP port (1-65535).", nameof(Port));
            }

            Positive(ConnectTimeout, nameof(ConnectTimeout));
            Positive(ActionTimeout, nameof(ActionTimeout));
            Positive(ReconnectDelay, nameof(ReconnectDelay));
            if (MaxReconnectDelay < ReconnectDelay)
            {
                throw new ArgumentException("MaxReconnectDelay must not be shorter than ReconnectDelay.", nameof(MaxReconnectDelay));
            }

            if (KeepAliveInterval < TimeSpan.Zero)
            {
                throw new ArgumentException("KeepAliveInterval cannot be negative.", nameof(KeepAliveInterval));
            }

            if (MaxReconnectAttempts < 0 || EventHistorySize < 0 || SubscriptionCapacity < 1 || CompletedCallLimit < 0 || LogCapacity < 0)
            {
                throw new ArgumentException("Counts and sizes cannot be negative (SubscriptionCapacity at least 1).");
            }
        }

        private static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{name} must be longer than zero.", name);
            }
        }
    }
}
