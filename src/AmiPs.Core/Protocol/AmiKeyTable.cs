using System;

namespace AmiPs.Protocol
{
    /// <summary>
    /// Turns key bytes into strings without allocating for keys seen before: an open-addressing table per
    /// parser (one reader thread, no locks), seeded with the keys Asterisk sends and bounded in size so a
    /// peer that invents keys cannot grow it.
    /// </summary>
    internal sealed class AmiKeyTable
    {
        private const int Slots = 1024;
        private const int MaxEntries = 768;

        private static readonly string[] KnownKeys = BuildKnownKeys();

        // Values that differ in every message (clocks) or must not linger in a cache (secrets): never cached by value.
        private static readonly string[] UncachedValueKeys = { "Timestamp", "EventTV", "SessionTV", "Challenge", "Key", "Secret" };

        private readonly byte[]?[] _bytes = new byte[Slots][];
        private readonly string?[] _strings = new string[Slots];
        private readonly bool[] _uncachedValue = new bool[Slots];
        private int _count;

        public AmiKeyTable()
        {
            foreach (var key in KnownKeys)
            {
                var bytes = AmiText.Encoding.GetBytes(key);
                Insert(bytes, key, AmiHash.Of(bytes), Array.IndexOf(UncachedValueKeys, key) >= 0);
            }
        }

        public string GetString(ReadOnlySpan<byte> key) => GetString(key, out _, out _);

        /// <summary>
        /// The key's string; <paramref name="cacheValue"/> says whether its value may go through the value cache,
        /// <paramref name="hash"/> is the hash of its bytes (the parser builds a message's shape hash from it).
        /// </summary>
        public string GetString(ReadOnlySpan<byte> key, out bool cacheValue, out int hash)
        {
            hash = AmiHash.Of(key);
            var slot = hash & (Slots - 1);
            while (true)
            {
                var candidate = _bytes[slot];
                if (candidate is null)
                {
                    break;
                }

                if (key.SequenceEqual(candidate))
                {
                    cacheValue = !_uncachedValue[slot];
                    return _strings[slot]!;
                }

                slot = (slot + 1) & (Slots - 1);
            }

            var text = AmiText.Decode(key);
            var uncached = IsUncachedValueKey(text);
            if (_count < MaxEntries)
            {
                Insert(key.ToArray(), text, hash, uncached);
            }

            cacheValue = !uncached;
            return text;
        }

        // Keys differ in case between peers (node clients send "secret"); the rule must not.
        private static bool IsUncachedValueKey(string key)
        {
            foreach (var uncached in UncachedValueKeys)
            {
                if (string.Equals(key, uncached, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private void Insert(byte[] bytes, string text, int hash, bool uncachedValue)
        {
            var slot = hash & (Slots - 1);
            while (_bytes[slot] is not null)
            {
                if (bytes.AsSpan().SequenceEqual(_bytes[slot]))
                {
                    return;
                }

                slot = (slot + 1) & (Slots - 1);
            }

            _bytes[slot] = bytes;
            _strings[slot] = text;
            _uncachedValue[slot] = uncachedValue;
            _count++;
        }

        private static string[] BuildKnownKeys()
        {
            string[] channel =
            {
                "Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum",
                "ConnectedLineName", "Language", "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid",
                "Tenantid", "ChanVariable",
            };
            string[] other =
            {
                "Event", "Response", "Message", "ActionID", "Privilege", "Timestamp", "SystemName", "EventList",
                "ListItems", "Items", "Output", "Variable", "Value", "Cause", "Cause-txt", "TechCause", "DialString",
                "DialStatus", "DialState", "Forward", "BridgeUniqueid", "BridgeType", "BridgeTechnology", "BridgeCreator",
                "BridgeName", "BridgeNumChannels", "BridgeVideoSourceMode", "SwapUniqueid", "Hint", "Status",
                "StatusText", "Application", "AppData", "Extension", "Device", "State", "Ping", "Reason", "Module",
                "Shutdown", "Restart", "Challenge", "Duration", "BridgeId", "Data", "Uptime", "LastReload",
                "Source", "Destination", "DestinationContext", "DestinationChannel", "LastApplication", "LastData",
                "StartTime", "AnswerTime", "EndTime", "BillableSeconds", "Disposition", "AMAFlags", "UserField",
                "Queue", "Interface", "MemberName", "Membership", "Penalty", "CallsTaken", "LastCall", "LastPause",
                "InCall", "Paused", "PausedReason", "Wrapuptime", "StateInterface", "Peer", "PeerStatus",
                "ChannelType", "Address", "Port", "Loaded", "Reloaded", "Seconds", "Account", "Username", "Secret",
                "AuthType", "Key", "Events", "Command", "Action", "Async", "Timeout", "CallerID", "Filter",
                "Operation", "MatchCriteria", "Cdr", "Key", "Class", "Severity", "Service", "EventVersion",
                "EventTV", "SessionID", "LocalAddress", "RemoteAddress", "UsingPassword", "SessionTV",
                "LocalOneChannel", "LocalTwoChannel", "LocalOptimization", "Variable", "ID", "Count",
            };
            var keys = new System.Collections.Generic.List<string>(other);
            foreach (var key in channel)
            {
                keys.Add(key);
                keys.Add("Dest" + key);
                keys.Add("To" + key);
                keys.Add("From" + key);
                keys.Add("Orig" + key);
            }

            return keys.ToArray();
        }
    }
}
