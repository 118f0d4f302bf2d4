using System;

namespace AmiPs.Client
{
    /// <summary>Base of every failure AmiPs reports about a PBX; messages are written for people and never hold a secret.</summary>
    public abstract class AmiException : Exception
    {
        protected AmiException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }

    /// <summary>Why a connection could not be made or was lost.</summary>
    public enum AmiConnectionFailure
    {
        Refused,
        Timeout,
        HostNotFound,
        Tls,
        Closed,
        Protocol,
        DeadPeer,
        NotConnected,
        Other,
    }

    /// <summary>The TCP or TLS connection failed, or was lost.</summary>
    public sealed class AmiConnectionException : AmiException
    {
        public AmiConnectionException(AmiConnectionFailure failure, string message, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
        }

        public AmiConnectionFailure Failure { get; }
    }

    /// <summary>The server refused the login. Never retried by the session.</summary>
    public sealed class AmiAuthenticationException : AmiException
    {
        public AmiAuthenticationException(string message)
            : base(message)
        {
        }
    }

    /// <summary>An action got no (complete) response in time; only that action failed, the session goes on.</summary>
    public sealed class AmiActionTimeoutException : AmiException
    {
        public AmiActionTimeoutException(string action, string actionId, TimeSpan timeout)
            : base($"Action '{action}' (ActionID {actionId}) got no complete response within {timeout.TotalSeconds:0.###} s.")
        {
            Action = action;
            ActionId = actionId;
            Timeout = timeout;
        }

        public string Action { get; }

        public string ActionId { get; }

        public TimeSpan Timeout { get; }
    }
}
