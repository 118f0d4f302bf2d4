using System;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// One live channel as a channel list reports it (<c>CoreShowChannels</c>, <c>Status</c>): the channel block plus how
    /// long the channel has existed and the bridge it is in. What a resync rebuilds calls from.
    /// </summary>
    public abstract class AmiChannelListEvent : AmiChannelEvent
    {
        protected AmiChannelListEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The bridge the channel is in (<c>BridgeId</c> of CoreShowChannel, <c>BridgeID</c> of Status); null when none.</summary>
        public string? BridgeId => Raw["BridgeId"] is { Length: > 0 } bridge ? bridge : null;

        /// <summary>The application the channel runs (<c>Dial</c>, <c>Wait</c>, <c>AppDial</c>).</summary>
        public string? Application => Raw["Application"];

        /// <summary>How long the channel has existed; null when the item does not say.</summary>
        public abstract TimeSpan? Age { get; }
    }

    /// <summary><c>CoreShowChannel</c>: one item of a <c>CoreShowChannels</c> answer.</summary>
    public sealed class CoreShowChannelEvent : AmiChannelListEvent
    {
        public CoreShowChannelEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The application's arguments.</summary>
        public string? ApplicationData => Raw["ApplicationData"];

        /// <summary>The <c>Duration</c> text as sent (<c>hh:mm:ss</c>).</summary>
        public string? Duration => Raw["Duration"];

        /// <inheritdoc/>
        public override TimeSpan? Age =>
            Duration is { } text && TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var span) ? span : (TimeSpan?)null;
    }

    /// <summary><c>Status</c>: one item of a <c>Status</c> answer (the channel block, with <c>Seconds</c>).</summary>
    public sealed class StatusEvent : AmiChannelListEvent
    {
        public StatusEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The application's arguments.</summary>
        public string? Data => Raw["Data"];

        /// <summary>Seconds since the channel was created.</summary>
        public int? Seconds => AmiValues.ParseInt(Raw["Seconds"]);

        /// <inheritdoc/>
        public override TimeSpan? Age => Seconds is int seconds && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
    }
}
