using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// One channel block of an event, read in place: the fields Asterisk writes for a channel snapshot
    /// (<c>Channel</c>, <c>ChannelState</c>, ..., <c>Uniqueid</c>, <c>Linkedid</c>, repeated <c>ChanVariable</c>), under a
    /// prefix: none for the event's own channel, <c>Dest</c> for the callee of dial events, <c>To</c>/<c>From</c>,
    /// <c>LocalOne</c>/<c>LocalTwo</c> and so on. A value type over the message, so taking one allocates nothing;
    /// every getter reads the message when called.
    /// </summary>
    /// <remarks>
    /// Text properties give null when the field is absent or Asterisk wrote <c>&lt;unknown&gt;</c> (no caller ID, ...);
    /// caller and connected-line names and variable values are unescaped (<c>O\'Brien</c> reads <c>O'Brien</c>).
    /// The raw text stays in the event's fields.
    /// </remarks>
    public readonly struct AmiChannel
    {
        private readonly AmiMessage? _message;
        private readonly AmiChannelKeys? _keys;

        internal AmiChannel(AmiMessage message, AmiChannelKeys keys)
        {
            _message = message;
            _keys = keys;
        }

        /// <summary>The channel block of <paramref name="message"/> whose keys start with <paramref name="prefix"/> (empty for none).</summary>
        public static AmiChannel FromMessage(AmiMessage message, string prefix = "")
        {
            if (message is null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            return new AmiChannel(message, AmiChannelKeys.For(prefix ?? string.Empty));
        }

        /// <summary>The key prefix of this block (<c>""</c>, <c>Dest</c>, <c>To</c>, ...).</summary>
        internal string Prefix => _keys?.Prefix ?? string.Empty;

        /// <summary>Whether the message has this block at all (its <c>Channel</c> field is there).</summary>
        internal bool IsPresent => Read(_keys?.Channel) is not null;

        /// <summary>The channel name (<c>PJSIP/1001-00000001</c>).</summary>
        public string? Channel => Read(_keys?.Channel);

        /// <summary><c>ChannelState</c> as a number-backed enum (6 is <see cref="AmiChannelState.Up"/>); null when absent or not a number.</summary>
        public AmiChannelState? ChannelState => (AmiChannelState?)AmiValues.ParseInt(Read(_keys?.ChannelState));

        /// <summary>Asterisk's name for the state (<c>Up</c>, <c>Ring</c>, <c>Rsrvd</c>, ...).</summary>
        public string? ChannelStateDesc => Read(_keys?.ChannelStateDesc);

        /// <summary>The caller ID number; null when unknown.</summary>
        public string? CallerIDNum => AmiValues.KnownText(Read(_keys?.CallerIDNum));

        /// <summary>The caller ID name, unescaped; null when unknown.</summary>
        public string? CallerIDName => AmiValues.Unescape(AmiValues.KnownText(Read(_keys?.CallerIDName)));

        /// <summary>The connected line's number (the other party as this channel sees it); null when unknown.</summary>
        public string? ConnectedLineNum => AmiValues.KnownText(Read(_keys?.ConnectedLineNum));

        /// <summary>The connected line's name, unescaped; null when unknown.</summary>
        public string? ConnectedLineName => AmiValues.Unescape(AmiValues.KnownText(Read(_keys?.ConnectedLineName)));

        /// <summary>The channel's language (<c>en</c>).</summary>
        public string? Language => Read(_keys?.Language);

        /// <summary>The account code (often empty).</summary>
        public string? AccountCode => Read(_keys?.AccountCode);

        /// <summary>The dialplan context the channel is in.</summary>
        public string? Context => Read(_keys?.Context);

        /// <summary>The dialplan extension the channel is at (may be empty).</summary>
        public string? Exten => Read(_keys?.Exten);

        /// <summary>The dialplan priority, when it is a number.</summary>
        public int? Priority => AmiValues.ParseInt(Read(_keys?.Priority));

        /// <summary>The channel's unique id (<c>1795492231.2</c>), the key to follow a channel; null when unknown.</summary>
        public string? Uniqueid => AmiValues.KnownText(Read(_keys?.Uniqueid));

        /// <summary>The unique id of the first channel of the call: every channel of one call shares it.</summary>
        public string? Linkedid => AmiValues.KnownText(Read(_keys?.Linkedid));

        /// <summary>The tenant id (Asterisk 20.4+ when set), else null.</summary>
        public string? Tenantid => Read(_keys?.Tenantid);

        /// <summary>
        /// The channel variables the server adds to channel events (<c>channelvars</c> in <c>manager.conf</c>), from the
        /// repeated <c>ChanVariable: NAME=value</c> lines (also the old <c>ChanVariable(chan): NAME=value</c> form), values
        /// unescaped. Built when read: a new dictionary per call, empty when there are none. Its text is
        /// <c>NAME=value, NAME2=value</c>, so Export-Csv writes that rather than the dictionary's type name.
        /// </summary>
        public IReadOnlyDictionary<string, string> ChanVariables
        {
            get
            {
                var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (_message is null || _keys is null)
                {
                    return new ChannelVariables(result);
                }

                var key = _keys.ChanVariable;
                foreach (var line in _message)
                {
                    if (!IsVariableKey(line.Key, key))
                    {
                        continue;
                    }

                    var value = line.Value;
                    var equals = value.IndexOf('=');
                    if (equals > 0)
                    {
                        result[value.Substring(0, equals)] = AmiValues.Unescape(value.Substring(equals + 1))!;
                    }
                }

                return new ChannelVariables(result);
            }
        }

        /// <summary>The channel name, or <c>(none)</c> when the block is absent.</summary>
        public override string ToString() => Channel ?? "(none)";

        private static bool IsVariableKey(string key, string expected) =>
            string.Equals(key, expected, StringComparison.OrdinalIgnoreCase) ||
            (key.Length > expected.Length + 1 && key[expected.Length] == '(' &&
             key.StartsWith(expected, StringComparison.OrdinalIgnoreCase));

        private string? Read(string? key) => key is null || _message is null ? null : _message[key];
    }

    /// <summary>
    /// The key names of one channel block under one prefix, built once: reading <c>DestUniqueid</c> never concatenates
    /// strings per event.
    /// </summary>
    internal sealed class AmiChannelKeys
    {
        public static readonly AmiChannelKeys None = new AmiChannelKeys(string.Empty);
        public static readonly AmiChannelKeys Dest = new AmiChannelKeys("Dest");
        public static readonly AmiChannelKeys To = new AmiChannelKeys("To");
        public static readonly AmiChannelKeys From = new AmiChannelKeys("From");
        public static readonly AmiChannelKeys LocalOne = new AmiChannelKeys("LocalOne");
        public static readonly AmiChannelKeys LocalTwo = new AmiChannelKeys("LocalTwo");

        private static readonly AmiChannelKeys[] Common = { None, Dest, To, From, LocalOne, LocalTwo };

        private AmiChannelKeys(string prefix)
        {
            Prefix = prefix;
            Channel = prefix + "Channel";
            ChannelState = prefix + "ChannelState";
            ChannelStateDesc = prefix + "ChannelStateDesc";
            CallerIDNum = prefix + "CallerIDNum";
            CallerIDName = prefix + "CallerIDName";
            ConnectedLineNum = prefix + "ConnectedLineNum";
            ConnectedLineName = prefix + "ConnectedLineName";
            Language = prefix + "Language";
            AccountCode = prefix + "AccountCode";
            Context = prefix + "Context";
            Exten = prefix + "Exten";
            Priority = prefix + "Priority";
            Uniqueid = prefix + "Uniqueid";
            Linkedid = prefix + "Linkedid";
            Tenantid = prefix + "Tenantid";
            ChanVariable = prefix + "ChanVariable";
        }

        public string Prefix { get; }

        public string Channel { get; }

        public string ChannelState { get; }

        public string ChannelStateDesc { get; }

        public string CallerIDNum { get; }

        public string CallerIDName { get; }

        public string ConnectedLineNum { get; }

        public string ConnectedLineName { get; }

        public string Language { get; }

        public string AccountCode { get; }

        public string Context { get; }

        public string Exten { get; }

        public string Priority { get; }

        public string Uniqueid { get; }

        public string Linkedid { get; }

        public string Tenantid { get; }

        public string ChanVariable { get; }

        /// <summary>The shared instance for a common prefix (compared ignoring case), a new one for any other.</summary>
        public static AmiChannelKeys For(string prefix)
        {
            foreach (var keys in Common)
            {
                if (string.Equals(keys.Prefix, prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return keys;
                }
            }

            return new AmiChannelKeys(prefix);
        }
    }

    /// <summary>
    /// A channel's variables, read-only, whose text is <c>NAME=value, NAME2=value</c>: Export-Csv writes a property
    /// as its ToString(), which for a plain dictionary is the type name. JSON still writes it as an object.
    /// </summary>
    internal sealed class ChannelVariables : ReadOnlyDictionary<string, string>
    {
        public ChannelVariables(IDictionary<string, string> variables)
            : base(variables)
        {
        }

        public override string ToString()
        {
            var text = new System.Text.StringBuilder();
            foreach (var pair in this)
            {
                text.Append(text.Length == 0 ? string.Empty : ", ").Append(pair.Key).Append('=').Append(pair.Value);
            }

            return text.ToString();
        }
    }
}
