using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// <c>ExtensionStatus</c>: an extension's hint changed state (a live event, with <c>Privilege</c>), or one item of an
    /// <c>ExtensionStateList</c> answer (with <c>ActionID</c>).
    /// </summary>
    public sealed class ExtensionStatusEvent : AmiEvent
    {
        public ExtensionStatusEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The extension (<c>1001</c>).</summary>
        public string? Exten => Raw["Exten"];

        /// <summary>The context of the hint (<c>office</c>).</summary>
        public string? Context => Raw["Context"];

        /// <summary>The devices the hint watches (<c>PJSIP/1001</c>, <c>Custom:1001</c>, <c>PJSIP/1001&amp;PJSIP/1002</c>).</summary>
        public string? Hint => Raw["Hint"];

        /// <summary>The state as Asterisk's number: a bit mask, 0 Idle, 1 InUse, 2 Busy, 4 Unavailable, 8 Ringing, 16 Hold; -1/-2 removed.</summary>
        public int? Status => AmiValues.ParseInt(Raw["Status"]);

        /// <summary><see cref="Status"/> as an enum (<see cref="AmiExtensionState.InUseRinging"/> for 9, ...).</summary>
        public AmiExtensionState? State => (AmiExtensionState?)Status;

        /// <summary>Asterisk's name for the state (<c>Idle</c>, <c>InUse&amp;Ringing</c>, <c>Unknown</c>): the sent text, or the name of <see cref="Status"/>.</summary>
        public string? StatusText => Raw["StatusText"] ?? (Status is int status ? AmiStateText.DescribeExtensionState(status) : null);

        /// <summary>Whether a device of the extension is in use (bit 1).</summary>
        public bool IsInUse => HasBit(1);

        /// <summary>Whether the extension is busy (bit 2).</summary>
        public bool IsBusy => HasBit(2);

        /// <summary>Whether the extension is unavailable or unregistered (bit 4).</summary>
        public bool IsUnavailable => HasBit(4);

        /// <summary>Whether the extension is ringing (bit 8).</summary>
        public bool IsRinging => HasBit(8);

        /// <summary>Whether the extension is on hold (bit 16).</summary>
        public bool IsOnHold => HasBit(16);

        /// <summary><c>ExtensionStatus 1001@office InUse (Custom:1001)</c>.</summary>
        public override string ToString() => $"{Event} {Exten}@{Context} {StatusText} ({Hint})";

        private bool HasBit(int bit) => Status is int status && status >= 0 && (status & bit) != 0;
    }

    /// <summary><c>DeviceStateChange</c>: a device's state changed (sent where <c>res_manager_devicestate</c> is loaded).</summary>
    public sealed class DeviceStateChangeEvent : AmiEvent
    {
        public DeviceStateChangeEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The device (<c>PJSIP/1001</c>, <c>Custom:1001</c>, <c>Queue:sales_avail</c>).</summary>
        public string? Device => Raw["Device"];

        /// <summary>The new state (Unknown for a text AmiPs does not know; see <see cref="StateText"/>).</summary>
        public AmiDeviceState? State => AmiStateText.ParseDeviceState(StateText);

        /// <summary>The <c>State</c> text as sent (<c>NOT_INUSE</c>, <c>INUSE</c>, ...).</summary>
        public string? StateText => Raw["State"];

        /// <summary><c>DeviceStateChange PJSIP/1001 INUSE</c>.</summary>
        public override string ToString() => $"{Event} {Device} {StateText}";
    }

    /// <summary><c>PeerStatus</c>: an endpoint registered, unregistered, became reachable or unreachable.</summary>
    public sealed class PeerStatusEvent : AmiEvent
    {
        public PeerStatusEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The channel driver (<c>PJSIP</c>, <c>SIP</c>, <c>IAX2</c>).</summary>
        public string? ChannelType => Raw["ChannelType"];

        /// <summary>The endpoint (<c>PJSIP/1001</c>).</summary>
        public string? Peer => Raw["Peer"];

        /// <summary>The new status: <c>Registered</c>, <c>Unregistered</c>, <c>Reachable</c>, <c>Unreachable</c>, <c>Lagged</c>, <c>Rejected</c>, <c>Unknown</c>.</summary>
        public string? PeerStatus => Raw["PeerStatus"];

        /// <summary>Why, when the driver says (a registration failure reason).</summary>
        public string? Cause => Raw["Cause"];

        /// <summary>The endpoint's address, when known.</summary>
        public string? Address => Raw["Address"];

        /// <summary>The endpoint's port, when sent on its own.</summary>
        public int? Port => AmiValues.ParseInt(Raw["Port"]);

        /// <summary>
        /// The qualify round-trip time in milliseconds (the <c>Time</c> field, when sent; <c>$e.Time</c> is the event's
        /// time, as on every event).
        /// </summary>
        public int? QualifyTime => AmiValues.ParseInt(Raw["Time"]);

        /// <summary><c>PeerStatus PJSIP/1001 Reachable</c>.</summary>
        public override string ToString() => $"{Event} {Peer} {PeerStatus}";
    }
}
