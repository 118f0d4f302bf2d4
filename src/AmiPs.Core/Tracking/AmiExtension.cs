using System;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>A hinted extension's state, as the PBX last reported it. Immutable.</summary>
    public sealed class AmiExtension
    {
        public AmiExtension(string exten, string context, string? hint, int status, string statusText, DateTimeOffset lastChanged, string? session)
        {
            Exten = exten;
            Context = context;
            Hint = hint;
            Status = status;
            StatusText = statusText;
            LastChanged = lastChanged;
            Session = session;
        }

        public string Exten { get; }

        public string Context { get; }

        /// <summary>The device(s) behind it, e.g. <c>PJSIP/1001</c> or <c>Custom:1001</c>.</summary>
        public string? Hint { get; }

        /// <summary>Asterisk's state bit mask: 0 Idle, 1 InUse, 2 Busy, 4 Unavailable, 8 Ringing, 16 OnHold (combined, e.g. 9); -1/-2 unknown/removed.</summary>
        public int Status { get; }

        /// <summary><see cref="Status"/> as an enum (<see cref="AmiExtensionState.OnHold"/> for 16, <see cref="AmiExtensionState.InUseRinging"/> for 9, ...).</summary>
        public AmiExtensionState State => (AmiExtensionState)Status;

        /// <summary>The state as Asterisk names it (<c>Idle</c>, <c>InUse</c>, <c>Ringing</c>, ...).</summary>
        public string StatusText { get; }

        public DateTimeOffset LastChanged { get; }

        public string? Session { get; }

        public override string ToString() => $"{Exten}@{Context} {StatusText}";
    }
}
