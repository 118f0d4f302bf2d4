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
            var (id, category) = Classify(exception);
            var record = new ErrorRecord(exception, id, category, target);
            if (exception is AmiAuthenticationException)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = "Check the user name and secret (manager.conf), or -AuthType Plain if the server does not offer MD5.",
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
            return new ErrorRecord(exception, denied ? "AmiPermissionDenied" : "AmiActionError", denied ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidResult, response);
        }

        public static ErrorRecord NoSession() =>
            new ErrorRecord(
                new InvalidOperationException("There is no AMI session. Run Connect-Ami first, or pass -Session."),
                "AmiNoSession",
                ErrorCategory.InvalidOperation,
                null);

        private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
        {
            AmiAuthenticationException => ("AmiAuthenticationFailed", ErrorCategory.AuthenticationError),
            AmiFeatureMissingException => ("AmiFeatureMissing", ErrorCategory.NotInstalled),
            AmiResponseException r when r.Message.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0 => ("AmiPermissionDenied", ErrorCategory.PermissionDenied),
            AmiResponseException => ("AmiActionError", ErrorCategory.InvalidResult),
            AmiActionTimeoutException => ("AmiActionTimeout", ErrorCategory.OperationTimeout),
            AmiActionException => ("AmiInvalidActionField", ErrorCategory.InvalidArgument),
            AmiConnectionException c => c.Failure switch
            {
                AmiConnectionFailure.Refused => ("AmiConnectionRefused", ErrorCategory.ConnectionError),
                AmiConnectionFailure.Timeout => ("AmiConnectTimeout", ErrorCategory.OperationTimeout),
                AmiConnectionFailure.HostNotFound => ("AmiHostNotFound", ErrorCategory.ObjectNotFound),
                AmiConnectionFailure.Tls => ("AmiTlsFailed", ErrorCategory.SecurityError),
                AmiConnectionFailure.Protocol => ("AmiProtocolError", ErrorCategory.ProtocolError),
                AmiConnectionFailure.NotConnected => ("AmiNotConnected", ErrorCategory.ConnectionError),
                _ => ("AmiConnectionLost", ErrorCategory.ConnectionError),
            },
            ArgumentException => ("AmiInvalidArgument", ErrorCategory.InvalidArgument),
            TimeoutException => ("AmiTimeout", ErrorCategory.OperationTimeout),
            _ => ("AmiUnexpectedError", ErrorCategory.NotSpecified),
        };
    }
}
