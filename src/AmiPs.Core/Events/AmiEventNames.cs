using System.Collections.Generic;

namespace AmiPs.Events
{
    /// <summary>
    /// Names of the events a PBX admin meets daily, spelled as Asterisk sends them, for completion and documentation:
    /// the typed ones and the common untyped ones (queues, transfers, hold, DTMF, conferences, security), which arrive
    /// as generic <see cref="AmiEvent"/> objects.
    /// </summary>
    internal static class AmiEventNames
    {
        public static IReadOnlyList<string> Known { get; } = new[]
        {
            "AgentCalled", "AgentComplete", "AgentConnect", "AttendedTransfer", "BlindTransfer", "BridgeCreate", "BridgeDestroy",
            "BridgeEnter", "BridgeLeave", "BridgeMerge", "Cdr", "ChallengeSent", "ConfbridgeJoin", "ConfbridgeLeave", "ContactStatus",
            "DeviceStateChange", "DialBegin", "DialEnd", "DialState", "DTMFBegin", "DTMFEnd", "ExtensionStatus", "FailedACL",
            "FullyBooted", "Hangup", "HangupRequest", "Hold", "InvalidPassword", "LocalBridge", "MixMonitorStart", "MixMonitorStop",
            "MusicOnHoldStart", "MusicOnHoldStop", "Newchannel", "NewCallerid", "NewConnectedLine", "Newexten", "Newstate",
            "OriginateResponse", "PeerStatus", "QueueCallerAbandon", "QueueCallerJoin", "QueueCallerLeave", "QueueMemberStatus",
            "Registry", "Reload", "Shutdown", "SoftHangupRequest", "SuccessfulAuth", "Unhold", "UserEvent", "VarSet",
            "AgentRingNoAnswer", "QueueEntry", "QueueMember", "QueueMemberAdded", "QueueMemberPause", "QueueMemberPenalty", "QueueMemberRemoved",
            "QueueParams", "QueueSummary",
            "AuthDetail", "ContactList", "ContactStatusDetail", "CoreShowChannel", "EndpointList", "OutboundRegistrationDetail", "PeerEntry", "RegistryEntry",
        };
    }
}
