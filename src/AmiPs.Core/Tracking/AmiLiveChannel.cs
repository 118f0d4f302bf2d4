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
            Duration = item.Duration ?? TimeSpan.Zero;
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

        /// <summary>How long the channel has been up when listed.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The bridge it is in; null when none.</summary>
        public string? BridgeId { get; }

        public string? Uniqueid { get; }

        /// <summary>The unique id shared by every channel of the call.</summary>
        public string? Linkedid { get; }

        public string? AccountCode { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary><c>PJSIP/1001-00000001 Up 00:03:12 Dial(PJSIP/1002)</c>.</summary>
        public override string ToString() =>
            $"{Name} {StateText} {(int)Duration.TotalHours:00}:{Duration.Minutes:00}:{Duration.Seconds:00} {Application}{(string.IsNullOrEmpty(ApplicationData) ? string.Empty : "(" + ApplicationData + ")")}".TrimEnd();
    }
}
