using System;

namespace AmiPs.Protocol
{
    /// <summary>An action that cannot be sent safely; <see cref="Field"/> names the offending field. Nothing was sent.</summary>
    public sealed class AmiActionException : ArgumentException
    {
        public AmiActionException(string field, string message)
            : base(message)
        {
            Field = field;
        }

        public string Field { get; }

        public override string Message => base.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0];
    }
}
