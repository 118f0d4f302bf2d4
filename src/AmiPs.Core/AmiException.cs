using System;

namespace AmiPs
{
    /// <summary>
    /// The one base of every failure AmiPs reports about a PBX, a connection or an action (connection, login, response,
    /// timeout, protocol, invalid action field, unknown call): a caller that catches it catches AmiPs's conditions and
    /// nothing else, so a bug is never reported as a PBX error. Messages are written for people and never hold a secret.
    /// </summary>
    public abstract class AmiException : Exception
    {
        protected AmiException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
