using System;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// An event about one channel: its channel block (no prefix) is readable straight off the event
    /// (<c>$e.Channel</c>, <c>$e.Uniqueid</c>, <c>$e.ChannelState</c>), each property forwarding to
    /// <see cref="Snapshot"/>, the one place that reads the block.
    /// </summary>
    public abstract class AmiChannelEvent : AmiEvent
    {
        protected AmiChannelEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The event's channel block (the fields without prefix) as one value. Internal: its fields are the event's own (a public one would repeat them in ConvertTo-Json).</summary>
        internal AmiChannel Snapshot => new AmiChannel(Raw, AmiChannelKeys.None);

        /// <inheritdoc cref="AmiChannel.Channel"/>
        public string? Channel => Snapshot.Channel;

        /// <inheritdoc cref="AmiChannel.ChannelState"/>
        public AmiChannelState? ChannelState => Snapshot.ChannelState;

        /// <inheritdoc cref="AmiChannel.ChannelStateDesc"/>
        public string? ChannelStateDesc => Snapshot.ChannelStateDesc;

        /// <inheritdoc cref="AmiChannel.CallerIDNum"/>
        public string? CallerIDNum => Snapshot.CallerIDNum;

        /// <inheritdoc cref="AmiChannel.CallerIDName"/>
        public string? CallerIDName => Snapshot.CallerIDName;

        /// <inheritdoc cref="AmiChannel.ConnectedLineNum"/>
        public string? ConnectedLineNum => Snapshot.ConnectedLineNum;

        /// <inheritdoc cref="AmiChannel.ConnectedLineName"/>
        public string? ConnectedLineName => Snapshot.ConnectedLineName;

        /// <inheritdoc cref="AmiChannel.Language"/>
        public string? Language => Snapshot.Language;

        /// <inheritdoc cref="AmiChannel.AccountCode"/>
        public string? AccountCode => Snapshot.AccountCode;

        /// <inheritdoc cref="AmiChannel.Context"/>
        public string? Context => Snapshot.Context;

        /// <inheritdoc cref="AmiChannel.Exten"/>
        public string? Exten => Snapshot.Exten;

        /// <inheritdoc cref="AmiChannel.Priority"/>
        public int? Priority => Snapshot.Priority;

        /// <inheritdoc cref="AmiChannel.Uniqueid"/>
        public string? Uniqueid => Snapshot.Uniqueid;

        /// <inheritdoc cref="AmiChannel.Linkedid"/>
        public string? Linkedid => Snapshot.Linkedid;

        /// <inheritdoc cref="AmiChannel.Tenantid"/>
        public string? Tenantid => Snapshot.Tenantid;

        /// <inheritdoc cref="AmiChannel.ChanVariables"/>
        [ReadsField("ChanVariable")]
        public IReadOnlyDictionary<string, string> ChanVariables => Snapshot.ChanVariables;

        /// <summary>The event name and the channel, for subclasses to extend.</summary>
        public override string ToString() => Event + " " + (Channel ?? "(no channel)");

        /// <summary>A caller ID for one-line summaries: <c>5551234 "Alice"</c>, <c>5551234</c>, <c>"Alice"</c> or <c>unknown</c>.</summary>
        internal static string DescribeParty(string? number, string? name) =>
            number is null ? (name is null ? "unknown" : "\"" + name + "\"")
            : name is null || name == number ? number
            : number + " \"" + name + "\"";
    }
}
