using System.Collections.Generic;

namespace AmiPs.Events
{
    /// <summary>Names of the events a PBX admin meets daily, for completion and documentation.</summary>
    public static class AmiEventNames
    {
        public static IReadOnlyList<string> Known { get; } = new[]
        {
            "BridgeCreate", "BridgeDestroy", "BridgeEnter", "BridgeLeave", "BridgeMerge", "Cdr", "DeviceStateChange",
            "DialBegin", "DialEnd", "DialState", "ExtensionStatus", "FullyBooted", "Hangup", "HangupRequest",
            "LocalBridge", "Newchannel", "NewCallerid", "NewConnectedLine", "Newexten", "Newstate", "OriginateResponse",
            "PeerStatus", "QueueMemberStatus", "Reload", "Shutdown", "SoftHangupRequest", "SuccessfulAuth", "VarSet",
        };
    }
}
