namespace AmiPs.Protocol
{
    /// <summary>The peer broke the protocol in a way the reader cannot recover from (no banner, not an AMI server).</summary>
    public sealed class AmiProtocolException : AmiException
    {
        public AmiProtocolException(string message)
            : base(message)
        {
        }
    }
}
