using System;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// A channel up on the PBX now, as <c>CoreShowChannels</c> lists it: who, where in the dialplan, what it runs and
    /// for how long. Immutable; pipe it to <c>Stop-AmiCall</c> (it binds by <see cref="Channel"/>) to hang it up.
    /// </summary>
    public sealed class AmiLiveChannel
    {
        private readonly TimeSpan _duration;

        public AmiLiveChannel(CoreShowChannelEvent item)
        {
            if (item is null)
            {
                throw new ArgumentNullException(nameof(item));
            }

            Name = item.Channel ?? string.Empty;
            State = item.ChannelState;
            StateText = item.ChannelStateDesc;
            CallerIDNum = item.CallerIDNum;
            CallerIDName = item.CallerIDName;
            ConnectedLineNum = item.ConnectedLineNum;
            ConnectedLineName = item.ConnectedLineName;
            Context = item.Context;
            Exten = item.Exten;
            Priority = item.Priority;
            Application = item.Application;
            ApplicationData = item.ApplicationData;
            _duration = item.GetDuration() ?? TimeSpan.Zero;
            BridgeId = item.BridgeId;
            Uniqueid = item.Uniqueid;
            Linkedid = item.Linkedid;
            AccountCode = string.IsNullOrEmpty(item.AccountCode) ? null : item.AccountCode;
            Session = item.Session;
        }

        /// <summary>The channel's name (<c>PJSIP/1001-00000001</c>).</summary>
        public string Name { get; }

        /// <summary>The same name, under the name <c>Stop-AmiCall -Channel</c> binds from the pipeline.</summary>
        public string Channel => Name;

        /// <summary>The channel state (Up, Ring, Ringing, ...).</summary>
        public AmiChannelState? State { get; }

        /// <summary>Asterisk's name for the state (<c>Up</c>, <c>Ring</c>).</summary>
        public string? StateText { get; }

        public string? CallerIDNum { get; }

        public string? CallerIDName { get; }

        /// <summary>The other party as this channel sees it.</summary>
        public string? ConnectedLineNum { get; }

        public string? ConnectedLineName { get; }

        public string? Context { get; }

        public string? Exten { get; }

        public int? Priority { get; }

        /// <summary>The application it runs (<c>Dial</c>, <c>Queue</c>, <c>AppDial</c>, <c>Wait</c>).</summary>
        public string? Application { get; }

        public string? ApplicationData { get; }

        /// <summary>
        /// <see cref="GetDuration"/> as text (<c>00:03:12</c>): ConvertTo-Json writes a TimeSpan as its 15 fields; in
        /// PowerShell <c>$channel.Duration</c> is the TimeSpan (type data).
        /// </summary>
        public string Duration => AmiDurationText.Format(_duration);

        /// <summary>The bridge it is in; null when none.</summary>
        public string? BridgeId { get; }

        public string? Uniqueid { get; }

        /// <summary>The unique id shared by every channel of the call.</summary>
        public string? Linkedid { get; }

        public string? AccountCode { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary>How long the channel has been up when listed.</summary>
        public TimeSpan GetDuration() => _duration;

        /// <summary><c>PJSIP/1001-00000001 Up 00:03:12 Dial(PJSIP/1002)</c>.</summary>
        public override string ToString() =>
            $"{Name} {StateText} {(int)_duration.TotalHours:00}:{_duration.Minutes:00}:{_duration.Seconds:00} {Application}{(string.IsNullOrEmpty(ApplicationData) ? string.Empty : "(" + ApplicationData + ")")}".TrimEnd();
    }
}
