using AmiPs.Events;

namespace AmiPs.Simulator
{
    /// <summary>How a simulated call ends.</summary>
    public enum SimulatedOutcome
    {
        /// <summary>The callee answers, talks, and hangs up (cause 16).</summary>
        Answered,

        /// <summary>The callee rings briefly and rejects with cause 17 (<c>DialStatus: BUSY</c>).</summary>
        Busy,

        /// <summary>Nobody answers before the dial timeout (<c>DialStatus: NOANSWER</c>).</summary>
        NoAnswer,

        /// <summary>The caller gives up while the callee rings (<c>DialStatus: CANCEL</c>).</summary>
        CallerHangup,
    }

    /// <summary>A hinted extension (<c>exten => 1001,hint,Custom:1001</c>) and its current state bit mask.</summary>
    public sealed record SimulatedExtension(string Exten, string Context, string Hint)
    {
        /// <summary>0 Idle, 1 InUse, 2 Busy, 4 Unavailable, 8 Ringing, 16 Hold (bits combine); -1 Unknown.</summary>
        public int Status { get; init; }

        /// <summary>What a call to this extension does when the caller does not choose (Originate, traffic).</summary>
        public SimulatedOutcome DefaultOutcome { get; init; } = SimulatedOutcome.Answered;

        public override string ToString() => $"{Exten}@{Context} ({Hint}, {AmiStateText.DescribeExtensionState(Status)})";
    }
}
