using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// <c>Cdr</c>: a call detail record (from <c>cdr_manager</c>, when enabled). Times are the server's local clock with
    /// no zone, so they are <see cref="DateTimeKind.Unspecified"/>; the raw text stays in the fields.
    /// </summary>
    public sealed class CdrEvent : AmiEvent
    {
        public CdrEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The account code.</summary>
        public string? AccountCode => Raw["AccountCode"];

        /// <summary>The caller's number (<c>src</c>).</summary>
        public string? Source => Raw["Source"];

        /// <summary>The dialed extension (<c>dst</c>).</summary>
        public string? Destination => Raw["Destination"];

        /// <summary>The context of the destination.</summary>
        public string? DestinationContext => Raw["DestinationContext"];

        /// <summary>The full caller ID (<c>"Alice" &lt;5551234&gt;</c>).</summary>
        public string? CallerID => Raw["CallerID"];

        /// <summary>The calling channel.</summary>
        public string? Channel => Raw["Channel"];

        /// <summary>The called channel, when there was one.</summary>
        public string? DestinationChannel => Raw["DestinationChannel"];

        /// <summary>The last application run (<c>Dial</c>).</summary>
        public string? LastApplication => Raw["LastApplication"];

        /// <summary>The last application's arguments.</summary>
        public string? LastData => Raw["LastData"];

        /// <summary>When the call started (server local time).</summary>
        public DateTime? StartTime => AmiValues.ParseLocalTime(Raw["StartTime"]);

        /// <summary>When it was answered (server local time); null when it was not.</summary>
        public DateTime? AnswerTime => AmiValues.ParseLocalTime(Raw["AnswerTime"]);

        /// <summary>When it ended (server local time).</summary>
        public DateTime? EndTime => AmiValues.ParseLocalTime(Raw["EndTime"]);

        /// <summary>Seconds from start to end.</summary>
        public int? Duration => AmiValues.ParseInt(Raw["Duration"]);

        /// <summary>Seconds from answer to end.</summary>
        public int? BillableSeconds => AmiValues.ParseInt(Raw["BillableSeconds"]);

        /// <summary><c>ANSWERED</c>, <c>NO ANSWER</c>, <c>BUSY</c>, <c>FAILED</c> or <c>CONGESTION</c>.</summary>
        public string? Disposition => Raw["Disposition"];

        /// <summary><c>DOCUMENTATION</c>, <c>BILLING</c> or <c>OMIT</c>.</summary>
        public string? AMAFlags => Raw["AMAFlags"];

        /// <summary>The calling channel's unique id (<c>UniqueID</c>).</summary>
        public string? Uniqueid => AmiValues.KnownText(Raw["UniqueID"]);

        /// <summary>The user field set by the dialplan.</summary>
        public string? UserField => Raw["UserField"];

        /// <summary><c>Cdr 5551234 -> 2000 ANSWERED 12s (billable 10s)</c>.</summary>
        public override string ToString()
        {
            var duration = Duration?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var billable = BillableSeconds?.ToString(CultureInfo.InvariantCulture) ?? "?";
            return $"{Event} {Source} -> {Destination} {Disposition} {duration}s (billable {billable}s)";
        }
    }
}
