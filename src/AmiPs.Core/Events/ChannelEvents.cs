using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary><c>Newchannel</c>: a channel was created. Carries only the channel block.</summary>
    public sealed class NewchannelEvent : AmiChannelEvent
    {
        public NewchannelEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>Newchannel PJSIP/1001-00000001 from 5551234 "Alice" to 2000@office</c>.</summary>
        public override string ToString() =>
            $"{Event} {Channel} from {DescribeParty(CallerIDNum, CallerIDName)} to {Exten}@{Context}";
    }

    /// <summary><c>Newstate</c>: a channel's state changed (<see cref="AmiChannelEvent.ChannelState"/> is the new one).</summary>
    public sealed class NewstateEvent : AmiChannelEvent
    {
        public NewstateEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>Newstate PJSIP/1001-00000001 Up</c>.</summary>
        public override string ToString() => $"{Event} {Channel} {ChannelStateDesc ?? ChannelState?.ToString()}";
    }

    /// <summary>The events that carry a Q.850 hangup cause: <c>Hangup</c>, <c>HangupRequest</c>, <c>SoftHangupRequest</c>.</summary>
    public abstract class AmiHangupCauseEvent : AmiChannelEvent
    {
        protected AmiHangupCauseEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The Q.850 cause (16 Normal Clearing, 17 User busy, 19 no answer, 21 rejected, ...); null when absent.</summary>
        public int? Cause => AmiValues.ParseInt(Raw["Cause"]);

        /// <summary>The cause in words: Asterisk's <c>Cause-txt</c> when sent, else Asterisk's text for the number.</summary>
        public virtual string? CauseText => AmiStateText.DescribeHangupCause(Cause);

        /// <summary>The technology's own cause (a SIP status for PJSIP), when the server sends it.</summary>
        public string? TechCause => Raw["TechCause"];

        /// <summary><c>Hangup PJSIP/1001-00000001 cause 16 (Normal Clearing)</c>.</summary>
        public override string ToString()
        {
            var cause = Cause;
            if (cause is null)
            {
                return base.ToString();
            }

            var text = CauseText;
            var number = cause.Value.ToString(CultureInfo.InvariantCulture);
            return text is null ? $"{Event} {Channel} cause {number}" : $"{Event} {Channel} cause {number} ({text})";
        }
    }

    /// <summary><c>Hangup</c>: a channel is gone; <see cref="AmiHangupCauseEvent.Cause"/> says why.</summary>
    public sealed class HangupEvent : AmiHangupCauseEvent
    {
        public HangupEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>Asterisk's <c>Cause-txt</c> (<c>Normal Clearing</c>, <c>User busy</c>).</summary>
        [ReadsField("Cause-txt")]
        public override string? CauseText => Raw["Cause-txt"] ?? base.CauseText;
    }

    /// <summary><c>HangupRequest</c>: a hangup was requested on a channel.</summary>
    public sealed class HangupRequestEvent : AmiHangupCauseEvent
    {
        public HangupRequestEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>SoftHangupRequest</c>: a soft hangup was requested on a channel, with a cause.</summary>
    public sealed class SoftHangupRequestEvent : AmiHangupCauseEvent
    {
        public SoftHangupRequestEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>NewCallerid</c>: a channel's caller ID changed (the new one is in the channel block).</summary>
    public sealed class NewCalleridEvent : AmiChannelEvent
    {
        public NewCalleridEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The caller ID presentation (<c>CID-CallingPres</c>: <c>0 (Presentation Allowed, Not Screened)</c>).</summary>
        [ReadsField("CID-CallingPres")]
        public string? CIDCallingPres => Raw["CID-CallingPres"];

        /// <summary><c>NewCallerid PJSIP/1001-00000001 caller 5551234 "Alice"</c>.</summary>
        public override string ToString() => $"{Event} {Channel} caller {DescribeParty(CallerIDNum, CallerIDName)}";
    }

    /// <summary><c>NewConnectedLine</c>: the party a channel is connected to changed (see ConnectedLineNum/Name).</summary>
    public sealed class NewConnectedLineEvent : AmiChannelEvent
    {
        public NewConnectedLineEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>NewConnectedLine PJSIP/1001-00000001 connected 5551234 "Alice"</c>.</summary>
        public override string ToString() => $"{Event} {Channel} connected {DescribeParty(ConnectedLineNum, ConnectedLineName)}";
    }

    /// <summary><c>VarSet</c>: a channel (or global) variable was set.</summary>
    public sealed class VarSetEvent : AmiChannelEvent
    {
        private const int MaxShownValue = 60;

        public VarSetEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The variable's name (<c>DIALSTATUS</c>).</summary>
        public string? Variable => Raw["Variable"];

        /// <summary>The new value, as sent.</summary>
        public string? Value => Raw["Value"];

        /// <summary><c>VarSet PJSIP/1001-00000001 DIALSTATUS=ANSWER</c> (a long value is cut).</summary>
        public override string ToString()
        {
            var value = Value ?? string.Empty;
            if (value.Length > MaxShownValue)
            {
                value = value.Substring(0, MaxShownValue) + "...";
            }

            return $"{Event} {Channel ?? "(global)"} {Variable}={value}";
        }
    }

    /// <summary><c>Newexten</c>: a channel moved to a dialplan step and is about to run its application.</summary>
    public sealed class NewextenEvent : AmiChannelEvent
    {
        public NewextenEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The extension (deprecated by Asterisk in favour of <c>Exten</c>, still sent).</summary>
        public string? Extension => Raw["Extension"];

        /// <summary>The application about to run (<c>Dial</c>, <c>Wait</c>, ...).</summary>
        public string? Application => Raw["Application"];

        /// <summary>The application's arguments.</summary>
        public string? AppData => Raw["AppData"];

        /// <summary><c>Newexten PJSIP/1001-00000001 office,2000,1 Dial(PJSIP/2000)</c>.</summary>
        public override string ToString() => $"{Event} {Channel} {Context},{Exten},{Priority} {Application}({AppData})";
    }
}
