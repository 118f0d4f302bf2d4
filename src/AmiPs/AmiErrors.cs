using System;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Protocol;

namespace AmiPs.Commands
{
    /// <summary>Turns AmiPs failures into error records people can read, with stable ids and fitting categories.</summary>
    internal static class AmiErrors
    {
        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            var record = Classify(exception).Record(exception, target);
            if (exception is AmiAuthenticationException)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message)
                {
                    // The message already says to check the user and secret; this adds only what it does not say.
                    RecommendedAction = "If the server does not offer MD5, use -AuthType Plain (preferably with -UseTls).",
                };
            }

            return record;
        }

        /// <summary>An <c>Error</c> response from the PBX, as a non-terminating error carrying the server's message.</summary>
        public static ErrorRecord FromResponse(AmiResponse response)
        {
            var text = response.Message ?? "no message";
            var output = response.Output;
            if (output.Count > 0)
            {
                text += ": " + string.Join(" ", output);
            }

            var denied = text.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0;
            var exception = new InvalidOperationException($"The PBX refused action '{response.Action}': {text}");
            return (denied ? AmiErrorIds.PermissionDenied : AmiErrorIds.ActionError).Record(exception, response);
        }

        public static ErrorRecord NoSession() =>
            AmiErrorIds.NoSession.Record(
                new InvalidOperationException("There is no AMI session. Run Connect-Ami first, or pass -Session (sessions belong to the runspace that connected them; Get-AmiSession lists this one's)."),
                null);

        private static AmiErrorId Classify(Exception exception) => exception switch
        {
            AmiAuthenticationException => AmiErrorIds.AuthenticationFailed,
            AmiFeatureMissingException => AmiErrorIds.FeatureMissing,
            AmiActionTimeoutException => AmiErrorIds.ActionTimeout,
            AmiActionException => AmiErrorIds.InvalidActionField,
            AmiTimeoutException => AmiErrorIds.Timeout,
            AmiCallNotFoundException => AmiErrorIds.CallNotFound,
            AmiResponseException r => r.Message.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0 ? AmiErrorIds.PermissionDenied : AmiErrorIds.ActionError,
            AmiProtocolException => AmiErrorIds.ProtocolError,
            AmiConnectionException c => c.Failure switch
            {
                AmiConnectionFailure.Refused => AmiErrorIds.ConnectionRefused,
                AmiConnectionFailure.Timeout => AmiErrorIds.ConnectTimeout,
                AmiConnectionFailure.HostNotFound => AmiErrorIds.HostNotFound,
                AmiConnectionFailure.Tls => AmiErrorIds.TlsFailed,
                AmiConnectionFailure.Protocol => AmiErrorIds.ProtocolError,
                AmiConnectionFailure.NotConnected => AmiErrorIds.NotConnected,
                _ => AmiErrorIds.ConnectionLost,
            },
            ArgumentException => AmiErrorIds.InvalidArgument,
            TimeoutException => AmiErrorIds.Timeout,
            _ => AmiErrorIds.UnexpectedError,
        };
    }
}
