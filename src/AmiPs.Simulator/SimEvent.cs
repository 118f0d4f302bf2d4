using System;
using System.Collections.Generic;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>
    /// A live event the simulated PBX raises: its name, its class (the <c>Privilege</c> and the filter key) and its body
    /// fields in Asterisk's order. The simulator frames it once for every session that reads its class.
    /// </summary>
    internal sealed class SimEvent
    {
        private readonly List<AmiField> _body = new List<AmiField>(24);

        public SimEvent(string name, AmiClasses eventClass)
        {
            Name = name;
            Class = eventClass;
        }

        public string Name { get; }

        public AmiClasses Class { get; }

        public IReadOnlyList<AmiField> Body => _body;

        public SimEvent Add(string key, string value)
        {
            _body.Add(new AmiField(key, value));
            return this;
        }

        public SimEvent Add(string key, int value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

        /// <summary>The channel block (<c>Channel</c> .. <c>Linkedid</c>), optionally prefixed (<c>Dest</c>, <c>LocalOne</c>).</summary>
        public SimEvent AddChannel(SimulatedChannel channel, string prefix = "")
        {
            channel.WriteBlock(this, prefix);
            return this;
        }

        /// <summary><c>Event</c>, <c>Privilege</c>, optional <c>Timestamp</c> (epoch seconds.microseconds), then the body.</summary>
        public byte[] Frame(bool timestamp, DateTimeOffset now)
        {
            var fields = new List<AmiField>(_body.Count + 3)
            {
                new AmiField("Event", Name),
                new AmiField("Privilege", AmiClassText.Privilege(Class)),
            };
            if (timestamp)
            {
                fields.Add(new AmiField("Timestamp", Timestamp(now)));
            }

            fields.AddRange(_body);
            return AmiMessageWriter.ToBytes(fields);
        }

        public static string Timestamp(DateTimeOffset now)
        {
            var micros = (now.UtcTicks - DateTimeOffset.FromUnixTimeSeconds(0).UtcTicks) / 10;
            return (micros / 1_000_000).ToString(CultureInfo.InvariantCulture) + "." + (micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        }

        public override string ToString() => $"Event: {Name} ({_body.Count} fields)";
    }
}
