namespace AmiPs.Protocol
{
    /// <summary>An action that cannot be sent safely; <see cref="Field"/> names the offending field. Nothing was sent.</summary>
    public sealed class AmiActionException : AmiException
    {
        public AmiActionException(string field, string message)
            : base(message)
        {
            Field = field;
        }

        public string Field { get; }
    }
}
