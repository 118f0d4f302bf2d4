using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace AmiPs.Commands
{
    /// <summary>One error id of the module: the stable id a script can match on, its category, and what it means.</summary>
    public sealed class AmiErrorId
    {
        internal AmiErrorId(string id, ErrorCategory category, string meaning)
        {
            Id = id;
            Category = category;
            Meaning = meaning;
        }

        public string Id { get; }

        public ErrorCategory Category { get; }

        public string Meaning { get; }

        /// <summary>An error record with this id and category.</summary>
        public ErrorRecord Record(Exception exception, object? target) => new ErrorRecord(exception, Id, Category, target);

        public override string ToString() => Id;
    }

    /// <summary>
    /// Every error id the cmdlets write, in one table (as <c>AmiLogEvents</c> is for log ids): a test checks that the
    /// ids are unique and that about_AmiPs documents each, and no cmdlet makes an id of its own.
    /// </summary>
    public static class AmiErrorIds
    {
        public static readonly AmiErrorId NoSession = new AmiErrorId("AmiNoSession", ErrorCategory.InvalidOperation, "No -Session was given and this runspace has no default session.");
        public static readonly AmiErrorId SessionNotFound = new AmiErrorId("AmiSessionNotFound", ErrorCategory.ObjectNotFound, "Get-AmiSession: no session of this runspace has that name.");
        public static readonly AmiErrorId CallNotFound = new AmiErrorId("AmiCallNotFound", ErrorCategory.ObjectNotFound, "No (active) call with that id on the session.");
        public static readonly AmiErrorId QueueNotFound = new AmiErrorId("AmiQueueNotFound", ErrorCategory.ObjectNotFound, "Get-AmiQueue: no queue with that name on the session.");
        public static readonly AmiErrorId QueuesNotTracked = new AmiErrorId("AmiQueuesNotTracked", ErrorCategory.InvalidOperation, "The session was connected without Queues in -Track.");
        public static readonly AmiErrorId FeatureMissing = new AmiErrorId("AmiFeatureMissing", ErrorCategory.NotInstalled, "The PBX lacks the module a cmdlet needs (PJSIP, chan_sip, app_queue); the message names it.");
        public static readonly AmiErrorId EndpointNotFound = new AmiErrorId("AmiEndpointNotFound", ErrorCategory.ObjectNotFound, "Get-AmiEndpoint: no endpoint with that name.");
        public static readonly AmiErrorId RegistrationNotFound = new AmiErrorId("AmiRegistrationNotFound", ErrorCategory.ObjectNotFound, "Get-AmiRegistration: no outbound registration with that name.");
        public static readonly AmiErrorId ChannelNotFound = new AmiErrorId("AmiChannelNotFound", ErrorCategory.ObjectNotFound, "Get-AmiChannel: no live channel with that name.");
        public static readonly AmiErrorId NotAHealthResult = new AmiErrorId("AmiNotAHealthResult", ErrorCategory.InvalidType, "ConvertTo-AmiNagios/ConvertTo-AmiPrometheus: a piped object is not a Test-AmiHealth result.");
        public static readonly AmiErrorId ParameterConflict = new AmiErrorId("AmiParameterConflict", ErrorCategory.InvalidArgument, "Test-AmiHealth: connection parameters (-Port, -Credential, -AuthType, -UseTls, -SkipCertificateCheck) given with -Session, whose connection is already made.");
        public static readonly AmiErrorId MetricWriteFailed = new AmiErrorId("AmiMetricWriteFailed", ErrorCategory.WriteError, "Export-AmiMetric could not write or rename the metrics file.");
        public static readonly AmiErrorId ExtensionNotFound = new AmiErrorId("AmiExtensionNotFound", ErrorCategory.ObjectNotFound, "No tracked extension matches.");
        public static readonly AmiErrorId AuthenticationFailed = new AmiErrorId("AmiAuthenticationFailed", ErrorCategory.AuthenticationError, "The PBX refused the user name or secret (never retried).");
        public static readonly AmiErrorId ConnectionRefused = new AmiErrorId("AmiConnectionRefused", ErrorCategory.ConnectionError, "Nothing listens on that host and port.");
        public static readonly AmiErrorId ConnectTimeout = new AmiErrorId("AmiConnectTimeout", ErrorCategory.OperationTimeout, "Connecting or logging in took longer than -ConnectTimeout.");
        public static readonly AmiErrorId HostNotFound = new AmiErrorId("AmiHostNotFound", ErrorCategory.ObjectNotFound, "The host name does not resolve.");
        public static readonly AmiErrorId TlsFailed = new AmiErrorId("AmiTlsFailed", ErrorCategory.SecurityError, "The TLS handshake or the certificate check failed.");
        public static readonly AmiErrorId ProtocolError = new AmiErrorId("AmiProtocolError", ErrorCategory.ProtocolError, "The server does not speak AMI as expected.");
        public static readonly AmiErrorId NotConnected = new AmiErrorId("AmiNotConnected", ErrorCategory.ConnectionError, "An action was sent while the session was not Connected.");
        public static readonly AmiErrorId ConnectionLost = new AmiErrorId("AmiConnectionLost", ErrorCategory.ConnectionError, "The link dropped while waiting.");
        public static readonly AmiErrorId ActionTimeout = new AmiErrorId("AmiActionTimeout", ErrorCategory.OperationTimeout, "The PBX did not answer an action within its timeout.");
        public static readonly AmiErrorId ActionError = new AmiErrorId("AmiActionError", ErrorCategory.InvalidResult, "The PBX answered an action with Response: Error.");
        public static readonly AmiErrorId PermissionDenied = new AmiErrorId("AmiPermissionDenied", ErrorCategory.PermissionDenied, "The AMI user lacks the write class the action needs (manager.conf).");
        public static readonly AmiErrorId InvalidActionField = new AmiErrorId("AmiInvalidActionField", ErrorCategory.InvalidArgument, "An action name or field value is not allowed (a CR or LF, say); nothing was sent.");
        public static readonly AmiErrorId InvalidArgument = new AmiErrorId("AmiInvalidArgument", ErrorCategory.InvalidArgument, "A parameter or AMI_* environment variable cannot work; the message names it.");
        public static readonly AmiErrorId Timeout = new AmiErrorId("AmiTimeout", ErrorCategory.OperationTimeout, "An operation took longer than allowed.");
        public static readonly AmiErrorId WaitTimeout = new AmiErrorId("AmiWaitTimeout", ErrorCategory.OperationTimeout, "Wait-AmiEvent: no matching event within -Timeout.");
        public static readonly AmiErrorId WaitSessionClosed = new AmiErrorId("AmiWaitSessionClosed", ErrorCategory.ConnectionError, "Wait-AmiEvent: the session closed before a matching event came.");
        public static readonly AmiErrorId SimulatorInvalidQueue = new AmiErrorId("AmiSimulatorInvalidQueue", ErrorCategory.InvalidArgument, "Start-AmiSimulator: a -Queue entry cannot be read; the message says which.");
        public static readonly AmiErrorId SimulatorStartFailed = new AmiErrorId("AmiSimulatorStartFailed", ErrorCategory.ResourceUnavailable, "Start-AmiSimulator could not listen (the port is taken, say).");
        public static readonly AmiErrorId UnexpectedError = new AmiErrorId("AmiUnexpectedError", ErrorCategory.NotSpecified, "A failure AmiPs did not expect: please report it.");

        /// <summary>The whole table (every field above, found by reflection so none is left out), for the uniqueness and documentation tests.</summary>
        public static IReadOnlyList<AmiErrorId> All { get; } = typeof(AmiErrorIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(AmiErrorId))
            .Select(field => (AmiErrorId)field.GetValue(null)!)
            .ToArray();
    }
}
