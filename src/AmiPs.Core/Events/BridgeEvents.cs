using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>A bridge's life: <c>BridgeCreate</c>, <c>BridgeDestroy</c>. The bridge block reads straight off the event.</summary>
    public abstract class AmiBridgeEvent : AmiEvent
    {
        protected AmiBridgeEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The bridge block as one value.</summary>
        public AmiBridge Bridge => new AmiBridge(Raw, AmiBridgeKeys.None);

        /// <inheritdoc cref="AmiBridge.BridgeUniqueid"/>
        public string? BridgeUniqueid => Bridge.BridgeUniqueid;

        /// <inheritdoc cref="AmiBridge.BridgeType"/>
        public string? BridgeType => Bridge.BridgeType;

        /// <inheritdoc cref="AmiBridge.BridgeTechnology"/>
        public string? BridgeTechnology => Bridge.BridgeTechnology;

        /// <inheritdoc cref="AmiBridge.BridgeCreator"/>
        public string? BridgeCreator => Bridge.BridgeCreator;

        /// <inheritdoc cref="AmiBridge.BridgeName"/>
        public string? BridgeName => Bridge.BridgeName;

        /// <inheritdoc cref="AmiBridge.BridgeNumChannels"/>
        public int? BridgeNumChannels => Bridge.BridgeNumChannels;

        /// <inheritdoc cref="AmiBridge.BridgeVideoSourceMode"/>
        public string? BridgeVideoSourceMode => Bridge.BridgeVideoSourceMode;

        /// <summary><c>BridgeCreate a9887cc9-... basic/simple_bridge</c>.</summary>
        public override string ToString() => $"{Event} {BridgeUniqueid} {BridgeType}/{BridgeTechnology}";
    }

    /// <summary><c>BridgeCreate</c>: a bridge was made (empty; channels follow with <c>BridgeEnter</c>).</summary>
    public sealed class BridgeCreateEvent : AmiBridgeEvent
    {
        public BridgeCreateEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary><c>BridgeDestroy</c>: a bridge is gone.</summary>
    public sealed class BridgeDestroyEvent : AmiBridgeEvent
    {
        public BridgeDestroyEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }
    }

    /// <summary>A channel entering or leaving a bridge: the bridge block and the channel block, both straight off the event.</summary>
    public abstract class AmiBridgeChannelEvent : AmiChannelEvent
    {
        protected AmiBridgeChannelEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The bridge block as one value.</summary>
        public AmiBridge Bridge => new AmiBridge(Raw, AmiBridgeKeys.None);

        /// <inheritdoc cref="AmiBridge.BridgeUniqueid"/>
        public string? BridgeUniqueid => Bridge.BridgeUniqueid;

        /// <inheritdoc cref="AmiBridge.BridgeType"/>
        public string? BridgeType => Bridge.BridgeType;

        /// <inheritdoc cref="AmiBridge.BridgeTechnology"/>
        public string? BridgeTechnology => Bridge.BridgeTechnology;

        /// <inheritdoc cref="AmiBridge.BridgeCreator"/>
        public string? BridgeCreator => Bridge.BridgeCreator;

        /// <inheritdoc cref="AmiBridge.BridgeName"/>
        public string? BridgeName => Bridge.BridgeName;

        /// <inheritdoc cref="AmiBridge.BridgeNumChannels"/>
        public int? BridgeNumChannels => Bridge.BridgeNumChannels;

        /// <inheritdoc cref="AmiBridge.BridgeVideoSourceMode"/>
        public string? BridgeVideoSourceMode => Bridge.BridgeVideoSourceMode;
    }

    /// <summary><c>BridgeEnter</c>: a channel joined a bridge (two channels in a basic bridge: the call is connected).</summary>
    public sealed class BridgeEnterEvent : AmiBridgeChannelEvent
    {
        public BridgeEnterEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The unique id of the channel this one replaced in the bridge (transfers), when any.</summary>
        public string? SwapUniqueid => Raw["SwapUniqueid"];

        /// <summary><c>BridgeEnter PJSIP/1001-00000001 into a9887cc9-... (2 channels)</c>.</summary>
        public override string ToString() => $"{Event} {Channel} into {BridgeUniqueid} ({BridgeNumChannels} channels)";
    }

    /// <summary><c>BridgeLeave</c>: a channel left a bridge.</summary>
    public sealed class BridgeLeaveEvent : AmiBridgeChannelEvent
    {
        public BridgeLeaveEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary><c>BridgeLeave PJSIP/1001-00000001 from a9887cc9-... (1 channels)</c>.</summary>
        public override string ToString() => $"{Event} {Channel} from {BridgeUniqueid} ({BridgeNumChannels} channels)";
    }

    /// <summary><c>BridgeMerge</c>: two bridges became one; the blocks are prefixed <c>To</c> and <c>From</c>.</summary>
    public sealed class BridgeMergeEvent : AmiEvent
    {
        public BridgeMergeEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The bridge that remains (the <c>To*</c> fields).</summary>
        public AmiBridge To => new AmiBridge(Raw, AmiBridgeKeys.To);

        /// <summary>The bridge merged into it (the <c>From*</c> fields).</summary>
        public AmiBridge From => new AmiBridge(Raw, AmiBridgeKeys.From);

        /// <summary><c>BridgeMerge &lt;from id&gt; -> &lt;to id&gt;</c>.</summary>
        public override string ToString() => $"{Event} {From.BridgeUniqueid} -> {To.BridgeUniqueid}";
    }

    /// <summary>
    /// <c>LocalBridge</c>: the two halves of a Local channel were set up; the blocks are prefixed <c>LocalOne</c>
    /// (<c>;1</c>) and <c>LocalTwo</c> (<c>;2</c>).
    /// </summary>
    public sealed class LocalBridgeEvent : AmiEvent
    {
        public LocalBridgeEvent(AmiMessage message, DateTimeOffset received, string? session)
            : base(message, received, session)
        {
        }

        /// <summary>The first half (<c>;1</c>, the side that was called).</summary>
        public AmiChannel LocalOne => new AmiChannel(Raw, AmiChannelKeys.LocalOne);

        /// <summary>The second half (<c>;2</c>, the side that runs the dialplan).</summary>
        public AmiChannel LocalTwo => new AmiChannel(Raw, AmiChannelKeys.LocalTwo);

        /// <summary>The context of the Local channel's target.</summary>
        public string? Context => Raw["Context"];

        /// <summary>The extension of the Local channel's target.</summary>
        public string? Exten => Raw["Exten"];

        /// <summary>Whether the Local channel may optimize itself away (<c>LocalOptimization: Yes</c>).</summary>
        public bool? LocalOptimization => AmiValues.ParseBool(Raw["LocalOptimization"]);

        /// <summary><c>LocalBridge Local/2000@office-00000000;1 &lt;-&gt; Local/2000@office-00000000;2</c>.</summary>
        public override string ToString() => $"{Event} {LocalOne.Channel} <-> {LocalTwo.Channel}";
    }
}
