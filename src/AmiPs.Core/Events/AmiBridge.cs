using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// One bridge block of an event, read in place (<c>BridgeUniqueid</c>, <c>BridgeType</c>, <c>BridgeTechnology</c>,
    /// <c>BridgeCreator</c>, <c>BridgeName</c>, <c>BridgeNumChannels</c>, <c>BridgeVideoSourceMode</c>, optional
    /// <c>BridgeVideoSource</c>), under a prefix: none for bridge events, <c>To</c>/<c>From</c> for <c>BridgeMerge</c>.
    /// Text properties give null for an absent field or <c>&lt;unknown&gt;</c>.
    /// </summary>
    public readonly struct AmiBridge
    {
        private readonly AmiMessage? _message;
        private readonly AmiBridgeKeys? _keys;

        internal AmiBridge(AmiMessage message, AmiBridgeKeys keys)
        {
            _message = message;
            _keys = keys;
        }

        /// <summary>The bridge block of <paramref name="message"/> whose keys start with <paramref name="prefix"/> (empty for none).</summary>
        public static AmiBridge FromMessage(AmiMessage message, string prefix = "")
        {
            if (message is null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            return new AmiBridge(message, AmiBridgeKeys.For(prefix ?? string.Empty));
        }

        /// <summary>The key prefix of this block (<c>""</c>, <c>To</c>, <c>From</c>).</summary>
        internal string Prefix => _keys?.Prefix ?? string.Empty;

        /// <summary>Whether the message has this block (its <c>BridgeUniqueid</c> field is there).</summary>
        internal bool IsPresent => Read(_keys?.BridgeUniqueid) is not null;

        /// <summary>The bridge's unique id (a UUID): the key to follow a bridge.</summary>
        public string? BridgeUniqueid => Read(_keys?.BridgeUniqueid);

        /// <summary>The bridge type (<c>basic</c>, <c>confbridge</c>, <c>stasis</c>, ...).</summary>
        public string? BridgeType => Read(_keys?.BridgeType);

        /// <summary>How media flows (<c>simple_bridge</c>, <c>native_rtp</c>, <c>softmix</c>, ...).</summary>
        public string? BridgeTechnology => Read(_keys?.BridgeTechnology);

        /// <summary>Who made the bridge (an application or module); null when unknown.</summary>
        public string? BridgeCreator => AmiValues.KnownText(Read(_keys?.BridgeCreator));

        /// <summary>The bridge's name (conference name, ...); null when unknown.</summary>
        public string? BridgeName => AmiValues.KnownText(Read(_keys?.BridgeName));

        /// <summary>How many channels are in the bridge after this event.</summary>
        public int? BridgeNumChannels => AmiValues.ParseInt(Read(_keys?.BridgeNumChannels));

        /// <summary>How video is chosen (<c>none</c>, <c>talker</c>, <c>single</c>).</summary>
        public string? BridgeVideoSourceMode => Read(_keys?.BridgeVideoSourceMode);

        /// <summary>The unique id of the channel that is the video source, when one is set.</summary>
        public string? BridgeVideoSource => Read(_keys?.BridgeVideoSource);

        /// <summary>The bridge id, or <c>(none)</c> when the block is absent.</summary>
        public override string ToString() => BridgeUniqueid ?? "(none)";

        private string? Read(string? key) => key is null || _message is null ? null : _message[key];
    }

    /// <summary>The key names of one bridge block under one prefix, built once.</summary>
    internal sealed class AmiBridgeKeys
    {
        public static readonly AmiBridgeKeys None = new AmiBridgeKeys(string.Empty);
        public static readonly AmiBridgeKeys To = new AmiBridgeKeys("To");
        public static readonly AmiBridgeKeys From = new AmiBridgeKeys("From");

        private AmiBridgeKeys(string prefix)
        {
            Prefix = prefix;
            BridgeUniqueid = prefix + "BridgeUniqueid";
            BridgeType = prefix + "BridgeType";
            BridgeTechnology = prefix + "BridgeTechnology";
            BridgeCreator = prefix + "BridgeCreator";
            BridgeName = prefix + "BridgeName";
            BridgeNumChannels = prefix + "BridgeNumChannels";
            BridgeVideoSourceMode = prefix + "BridgeVideoSourceMode";
            BridgeVideoSource = prefix + "BridgeVideoSource";
        }

        public string Prefix { get; }

        public string BridgeUniqueid { get; }

        public string BridgeType { get; }

        public string BridgeTechnology { get; }

        public string BridgeCreator { get; }

        public string BridgeName { get; }

        public string BridgeNumChannels { get; }

        public string BridgeVideoSourceMode { get; }

        public string BridgeVideoSource { get; }

        public static AmiBridgeKeys For(string prefix) =>
            prefix.Length == 0 ? None
            : string.Equals(prefix, "To", StringComparison.OrdinalIgnoreCase) ? To
            : string.Equals(prefix, "From", StringComparison.OrdinalIgnoreCase) ? From
            : new AmiBridgeKeys(prefix);
    }
}
