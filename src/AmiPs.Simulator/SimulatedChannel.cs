using System;
using System.Globalization;
using System.Text;

namespace AmiPs.Simulator
{
    /// <summary>A live channel of the simulated PBX, as <c>CoreShowChannels</c> and <c>Status</c> list it. Changed only by the call that owns it.</summary>
    public sealed class SimulatedChannel
    {
        internal SimulatedChannel(string name, string uniqueid, string linkedid, string context, string exten, int state)
        {
            Name = name;
            Uniqueid = uniqueid;
            Linkedid = linkedid;
            Context = context;
            Exten = exten;
            State = state;
            Created = DateTimeOffset.UtcNow;
        }

        public string Name { get; }

        public string Uniqueid { get; }

        public string Linkedid { get; }

        public int State { get; internal set; }

        public string StateDesc => AmiStateNames.ChannelStateDesc(State);

        public string CallerIDNum { get; internal set; } = string.Empty;

        public string CallerIDName { get; internal set; } = string.Empty;

        public string ConnectedLineNum { get; internal set; } = string.Empty;

        public string ConnectedLineName { get; internal set; } = string.Empty;

        public string Context { get; internal set; }

        public string Exten { get; internal set; }

        public int Priority { get; internal set; } = 1;

        public string Application { get; internal set; } = string.Empty;

        public string ApplicationData { get; internal set; } = string.Empty;

        public string BridgeId { get; internal set; } = string.Empty;

        public DateTimeOffset Created { get; }

        internal SimulatedCall? Call { get; set; }

        public override string ToString() => $"{Name} ({StateDesc}, {Exten}@{Context})";

        internal void WriteBlock(SimEvent e, string prefix)
        {
            e.Add(prefix + "Channel", Name)
                .Add(prefix + "ChannelState", State)
                .Add(prefix + "ChannelStateDesc", StateDesc)
                .Add(prefix + "CallerIDNum", Known(CallerIDNum))
                .Add(prefix + "CallerIDName", Known(Escape(CallerIDName)))
                .Add(prefix + "ConnectedLineNum", Known(ConnectedLineNum))
                .Add(prefix + "ConnectedLineName", Known(Escape(ConnectedLineName)))
                .Add(prefix + "Language", "en")
                .Add(prefix + "AccountCode", string.Empty)
                .Add(prefix + "Context", Context)
                .Add(prefix + "Exten", Exten)
                .Add(prefix + "Priority", Priority)
                .Add(prefix + "Uniqueid", Uniqueid)
                .Add(prefix + "Linkedid", Linkedid);
        }

        internal string Duration(DateTimeOffset now)
        {
            var elapsed = now - Created;
            return ((int)elapsed.TotalHours).ToString("D2", CultureInfo.InvariantCulture) + ":" + elapsed.Minutes.ToString("D2", CultureInfo.InvariantCulture) + ":" + elapsed.Seconds.ToString("D2", CultureInfo.InvariantCulture);
        }

        /// <summary>Empty caller and connected-line values show as <c>&lt;unknown&gt;</c>.</summary>
        internal static string Known(string value) => value.Length == 0 ? "<unknown>" : value;

        /// <summary>Asterisk C-escapes names in channel blocks (<c>ast_escape_c</c>): quotes, backslash and control characters.</summary>
        internal static string Escape(string value)
        {
            if (value.IndexOfAny(new[] { '\\', '\'', '"', '\a', '\b', '\f', '\n', '\r', '\t', '\v', '?' }) < 0)
            {
                return value;
            }

            var text = new StringBuilder(value.Length + 8);
            foreach (var c in value)
            {
                text.Append(c switch
                {
                    '\\' => "\\\\",
                    '\'' => "\\'",
                    '"' => "\\\"",
                    '?' => "\\?",
                    '\a' => "\\a",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\v' => "\\v",
                    _ => c.ToString(),
                });
            }

            return text.ToString();
        }
    }
}
