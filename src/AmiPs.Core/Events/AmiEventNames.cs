using System.Collections.Generic;

namespace AmiPs.Events
{
    /// <summary>Names of the events a PBX admin meets daily, for completion and documentation.</summary>
    public static class AmiEventNames
    {
        public static IReadOnlyList<string> Known { get; } = new[]
        {
            "BridgeCreate", "BridgeDestroy", "BridgeEnter", "BridgeLeave", "Cdr", "DeviceStateChange", "DialBegin",
            "DialEnd", "ExtensionStatus", "FullyBooted", "Hangup", "HangupRequest", "Newchannel", "NewCallerid",
            "NewConnectedLine", "Newexten", "Newstate", "OriginateResponse", "PeerStatus", "QueueMemberStatus",
            "Reload", "Shutdown", "SoftHangupRequest", "SuccessfulAuth", "VarSet",
        };
    }
}
