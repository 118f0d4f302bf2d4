using System;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// An event from the PBX. Known events are subclasses with typed properties; any other event arrives as this
    /// class, never dropped. Every field stays readable, in order, duplicates kept, through <see cref="GetFields"/>
    /// and the indexer.
    /// </summary>
    public class AmiEvent
    {
        public AmiEvent(AmiMessage message, DateTimeOffset received, string? session)
        {
            Raw = message ?? throw new ArgumentNullException(nameof(message));
            Received = received;
            Session = session;
        }

        /// <summary>The AMI event name (<c>Newchannel</c>, <c>Hangup</c>, ...).</summary>
        public string Event => Raw.Name;

        /// <summary>When AmiPs read it (the server's <c>Timestamp</c>, when sent, is in <see cref="ServerTimestamp"/>).</summary>
        public DateTimeOffset Received { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        // Not a public property: ConvertTo-Json reflects over public properties, and the raw list repeated every field
        // the typed properties and the adapter's field properties already carry (a Hangup was ~100 lines at -Depth 3,
        // most of it this). GetFields() reads it; in PowerShell $e.Fields is a hidden type-data property.
        internal IReadOnlyList<AmiField> Fields => Raw;

        /// <summary>All fields as received, in order, duplicates kept (in PowerShell: <c>$e.Fields</c>).</summary>
        public IReadOnlyList<AmiField> GetFields() => Raw;

        /// <summary>The <c>Privilege</c> classes of a live event (absent on list items).</summary>
        public string? Privilege => Raw["Privilege"];

        /// <summary>The <c>ActionID</c> when the event answers an action (list items, <c>OriginateResponse</c>).</summary>
        public string? ActionId => Raw["ActionID"];

        /// <summary>The server's own clock (<c>timestampevents = yes</c>), when sent.</summary>
        [ReadsField("Timestamp")]
        public DateTimeOffset? ServerTimestamp => AmiValues.ParseTimestamp(Raw["Timestamp"]);

        /// <summary>The server's time if it sent one, else the receive time: the best moment to put on the event.</summary>
        public DateTimeOffset Time => ServerTimestamp ?? Received;

        internal AmiMessage Raw { get; }

        /// <summary>The first value of a field, or null.</summary>
        public string? this[string key] => Raw[key];

        public string? GetField(string key) => Raw[key];

        public IReadOnlyList<string> GetFieldValues(string key) => Raw.GetValues(key);

        public override string ToString() => $"{Event} {Raw["Channel"] ?? Raw["Exten"] ?? string.Empty}".TrimEnd();
    }
}
