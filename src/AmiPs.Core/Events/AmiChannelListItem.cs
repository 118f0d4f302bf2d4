using System;
using System.Globalization;

namespace AmiPs.Events
{
    /// <summary>
    /// One live channel as a channel list reports it (a <c>CoreShowChannel</c> item of <c>CoreShowChannels</c>, or a
    /// <c>Status</c> item): the channel block plus how long the channel has existed and the bridge it is in. Read in
    /// place over the item, like <see cref="AmiChannel"/>; what a resync rebuilds calls from.
    /// </summary>
    internal readonly struct AmiChannelListItem
    {
        private readonly AmiEvent _item;

        public AmiChannelListItem(AmiEvent item)
        {
            _item = item;
            Channel = new AmiChannel(item.Raw, AmiChannelKeys.None);
        }

        /// <summary>The item's channel block.</summary>
        public AmiChannel Channel { get; }

        /// <summary>The bridge the channel is in (<c>BridgeId</c> of CoreShowChannel, <c>BridgeID</c> of Status: keys match ignoring case); null when none.</summary>
        public string? BridgeId => _item.Raw["BridgeId"] is { Length: > 0 } bridge ? bridge : null;

        /// <summary>How long the channel has existed: <c>Duration: hh:mm:ss</c> of CoreShowChannel, <c>Seconds</c> of Status; zero when neither says.</summary>
        public TimeSpan Age
        {
            get
            {
                if (_item.Raw["Duration"] is { } text && TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var span))
                {
                    return span;
                }

                return AmiValues.ParseInt(_item.Raw["Seconds"]) is int seconds && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
            }
        }
    }
}
