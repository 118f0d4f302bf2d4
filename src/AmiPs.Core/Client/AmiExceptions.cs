using System;

namespace AmiPs.Client
{
    /// <summary>Why a connection could not be made or was lost.</summary>
    public enum AmiConnectionFailure : long // a name in ConvertTo-Json, which writes names only for long-based enums
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

    /// <summary>The PBX answered an action with <c>Response: Error</c>; <see cref="Response"/> has the details.</summary>
    public sealed class AmiResponseException : AmiException
    {
        public AmiResponseException(AmiResponse response)
            : base($"The PBX refused action '{response.Action}': {response.Message ?? "no reason given"}{(response.Output.Count > 0 ? " " + string.Join(" ", response.Output) : string.Empty)}")
        {
            Response = response;
        }

        public AmiResponse Response { get; }
    }

    /// <summary>The PBX did not do what was waited for in time (a call to start or to end); see the subclasses.</summary>
    public class AmiTimeoutException : AmiException
    {
        public AmiTimeoutException(string message)
            : base(message)
        {
        }
    }

    /// <summary>An action got no (complete) response in time; only that action failed, the session goes on.</summary>
    public sealed class AmiActionTimeoutException : AmiTimeoutException
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

    /// <summary>No call with this id is known to the session (never seen, or evicted from the completed calls).</summary>
    public sealed class AmiCallNotFoundException : AmiException
    {
        public AmiCallNotFoundException(string callId, string session)
            : base($"No call '{callId}' on session '{session}'.")
        {
            CallId = callId;
        }

        public string CallId { get; }
    }
}
