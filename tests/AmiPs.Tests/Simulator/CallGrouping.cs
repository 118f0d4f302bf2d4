using System;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Tests.Simulator
{
    /// <summary>
    /// Splits a transcript into its calls (by Linkedid), so calls that interleave differently compare one by one. A call is
    /// named after its first channel without the instance number (<c>call Local/2000@office</c>): calls started together
    /// may begin in either order.
    /// </summary>
    internal static class CallGrouping
    {
        public static Dictionary<string, List<AmiMessage>> ByCall(IEnumerable<AmiMessage> messages)
        {
            var calls = new Dictionary<string, string>();
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
                    key = "call " + CallName(m["Channel"] ?? string.Empty);
                }
                else if (linkedid is null)
                {
                    key = "bridges"; // BridgeCreate and BridgeDestroy name no channel
                }
                else
                {
                    if (!calls.TryGetValue(linkedid, out var name))
                    {
                        calls[linkedid] = name = CallName(m["Channel"] ?? m["DestChannel"] ?? string.Empty);
                    }

                    key = "call " + name;
                }

                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = new List<AmiMessage>();
                }

                list.Add(m);
            }

            return groups;
        }

        private static string CallName(string channel)
        {
            var dash = channel.LastIndexOf('-');
            return dash < 0 ? channel : channel.Substring(0, dash);
        }
    }
}
