namespace AmiPs.Protocol
{
    /// <summary>What a message is, decided by its first line only (an <c>OriginateResponse</c> event also carries <c>Response:</c>).</summary>
    public enum AmiMessageKind
    {
        /// <summary>The first line is neither <c>Event:</c> nor <c>Response:</c> (an action, when a server reads it).</summary>
        Other,
        Response,
        Event,
    }
}
