namespace AmiPs.Protocol
{
    /// <summary>What the framing rejected, reported to the owner of the parser; the reader carries on.</summary>
    internal enum AmiProtocolErrorKind
    {
        LineTooLong,
        MessageTooLong,
        MalformedLine,
        BadBanner,
    }

    /// <summary>A protocol error: the bytes were dropped (or kept as a keyless field) and the reader resynchronised.</summary>
    internal sealed class AmiProtocolError
    {
        public AmiProtocolError(AmiProtocolErrorKind kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        public AmiProtocolErrorKind Kind { get; }

        public string Message { get; }

        public override string ToString() => Kind + ": " + Message;
    }
}
