namespace AmiPs.Tracking
{
    /// <summary>How a call ended, from <c>DialEnd</c> and <c>Hangup</c>; <see cref="Unknown"/> where the events do not say.</summary>
    public enum AmiCallDisposition : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        Unknown,
        Answered,
        Busy,
        NoAnswer,
        Failed,
        Cancelled,
    }

    /// <summary>Where a call is now.</summary>
    public enum AmiCallState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Channels exist, nothing dialled yet.</summary>
        New,

        /// <summary>A dial is under way.</summary>
        Dialing,

        /// <summary>The far end is ringing.</summary>
        Ringing,

        /// <summary>Answered and talking.</summary>
        Up,

        /// <summary>Every channel has hung up.</summary>
        Ended,
    }
}
