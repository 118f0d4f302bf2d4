using System;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// An outbound registration (a trunk registering to a provider), as the PBX last reported it; live from
    /// <c>Registry</c> events. Immutable: a change makes a new object.
    /// </summary>
    public sealed class AmiRegistration
    {
        private readonly TimeSpan? _expiration;
        private readonly TimeSpan? _retryInterval;

        public AmiRegistration(
            string name,
            AmiSipStack stack,
            string? serverUri,
            string? clientUri,
            AmiRegistrationStatus status,
            string? statusText,
            DateTimeOffset? nextRegistration,
            TimeSpan? expiration,
            TimeSpan? retryInterval,
            DateTimeOffset lastChanged,
            string? session)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Stack = stack;
            ServerUri = serverUri;
            ClientUri = clientUri;
            Status = status;
            StatusText = string.IsNullOrEmpty(statusText) ? status.ToString() : statusText!;
            NextRegistration = nextRegistration;
            _expiration = expiration;
            _retryInterval = retryInterval;
            LastChanged = lastChanged;
            Session = session;
        }

        /// <summary>The registration's name (PJSIP <c>ObjectName</c>; chan_sip <c>user@host</c>).</summary>
        public string Name { get; }

        /// <summary>Pjsip, or ChanSip on Asterisk up to 20.</summary>
        public AmiSipStack Stack { get; }

        /// <summary>The registrar (<c>sip:127.0.0.1:5060</c>).</summary>
        public string? ServerUri { get; }

        /// <summary>The address of record registered (<c>sip:selftrunk@127.0.0.1:5060</c>).</summary>
        public string? ClientUri { get; }

        /// <summary>Registered, Unregistered, Rejected, Failed, RequestSent, ...</summary>
        public AmiRegistrationStatus Status { get; }

        /// <summary>The status in the PBX's own words (<c>Request Sent</c>).</summary>
        public string StatusText { get; }

        /// <summary>Whether the trunk is registered now.</summary>
        public bool IsRegistered => Status == AmiRegistrationStatus.Registered;

        /// <summary>When the next REGISTER is due, from the last list (a live event clears it); null when none is scheduled.</summary>
        public DateTimeOffset? NextRegistration { get; }

        // The two durations are export text (00:02:00) because ConvertTo-Json writes a TimeSpan as its 15 fields;
        // in PowerShell $registration.Expiration is the TimeSpan (type data), as for calls and status.

        /// <summary><see cref="GetExpiration"/> as text (<c>00:02:00</c>).</summary>
        public string? Expiration => _expiration is { } value ? AmiDurationText.Format(value) : null;

        /// <summary><see cref="GetRetryInterval"/> as text.</summary>
        public string? RetryInterval => _retryInterval is { } value ? AmiDurationText.Format(value) : null;

        /// <summary>When AmiPs last saw its status change (or loaded it).</summary>
        public DateTimeOffset LastChanged { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary>The expiration asked for (PJSIP <c>Expiration</c>, chan_sip <c>Refresh</c>).</summary>
        public TimeSpan? GetExpiration() => _expiration;

        /// <summary>How long PJSIP waits before retrying a failed registration; null for chan_sip.</summary>
        public TimeSpan? GetRetryInterval() => _retryInterval;

        internal AmiRegistration WithStatus(AmiRegistrationStatus status, string? text, DateTimeOffset time) =>
            new AmiRegistration(Name, Stack, ServerUri, ClientUri, status, text, null, _expiration, _retryInterval, status == Status ? LastChanged : time, Session);

        /// <summary><c>provider Registered (sip:127.0.0.1:5060)</c>.</summary>
        public override string ToString() => $"{Name} {StatusText} ({ServerUri})";
    }
}
