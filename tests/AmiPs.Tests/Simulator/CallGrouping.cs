using System;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Tests.Simulator
{
    /// <summary>Splits a transcript into its calls (by Linkedid), so calls that interleave differently compare one by one.</summary>
    internal static class CallGrouping
    {
        public static Dictionary<string, List<AmiMessage>> ByCall(IEnumerable<AmiMessage> messages)
        {
            var calls = new List<string>();
            var firstChannels = new List<string>();
            var groups = new Dictionary<string, List<AmiMessage>>();
            foreach (var m in messages)
            {
                string key;
                var linkedid = m["Linkedid"] ?? m["DestLinkedid"] ?? m["LocalOneLinkedid"];
                if (m.Kind != AmiMessageKind.Event || m.Name is "FullyBooted" or "SuccessfulAuth")
                {
                    key = "session";
                }
                else if (m.Name == "ExtensionStatus")
                {
                    key = "hint " + m["Exten"];
                }
                else if (m.Name == "OriginateResponse")
                {
                    // The call whose first channel is the one answered (Success) or asked for (Failure: Local/2002@office).
                    var channel = m["Channel"] ?? string.Empty;
                    key = "call " + (firstChannels.FindIndex(c => c.StartsWith(channel, StringComparison.Ordinal)) + 1);
                }
                else if (linkedid is null)
                {
                    key = "bridges"; // BridgeCreate and BridgeDestroy name no channel
                }
                else
                {
                    if (!calls.Contains(linkedid))
                    {
                        calls.Add(linkedid);
                        firstChannels.Add(m["Channel"] ?? m["DestChannel"] ?? string.Empty);
                    }

                    key = "call " + (calls.IndexOf(linkedid) + 1);
                }

                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = new List<AmiMessage>();
                }

                list.Add(m);
            }

            return groups;
        }
    }
}
