using System;

namespace AmiPs.Protocol
{
    /// <summary>
    /// The keys of a message, in the order received, with what look-ups need precomputed. Events of one type carry the
    /// same keys in the same order, so the parser shares one shape between all of them (<see cref="AmiShapeTable"/>) and
    /// a message holds only its values. Immutable: messages that share a shape may be read on any thread.
    /// </summary>
    internal sealed class AmiShape
    {
        private const string ActionIdKey = "ActionID";

        /// <param name="keys">Owned by the shape from now on: never written again.</param>
        /// <param name="hash">The parser's running hash of the keys (<see cref="AmiShapeTable.AddKey"/>); 0 for a shape not in a table.</param>
        public AmiShape(string[] keys, int hash = 0)
        {
            Keys = keys;
            Hash = hash;
            ActionIdIndex = -1;
            for (var i = 0; i < keys.Length; i++)
            {
                if (IsActionIdKey(keys[i]))
                {
                    ActionIdIndex = i;
                    break;
                }
            }

            Kind = keys.Length == 0 ? AmiMessageKind.Other
                : string.Equals(keys[0], "Event", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Event
                : string.Equals(keys[0], "Response", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Response
                : AmiMessageKind.Other;
        }

        /// <summary>The keys in order, duplicates kept; an empty key for a line without a colon.</summary>
        public string[] Keys { get; }

        public int Hash { get; }

        /// <summary>Where the first ActionID is, in any case (-1: none). Every message is asked once (is it a reply?).</summary>
        public int ActionIdIndex { get; }

        /// <summary>What the first key says the message is.</summary>
        public AmiMessageKind Kind { get; }

        /// <summary>Whether these are exactly <paramref name="keys"/> (ordinal; interned keys match on the reference).</summary>
        public bool Matches(ReadOnlySpan<string> keys, int hash) =>
            Hash == hash && keys.SequenceEqual(Keys);

        /// <summary>The index of the first key equal to <paramref name="key"/> ignoring case, or -1.</summary>
        public int IndexOf(string key)
        {
            if (key is null)
            {
                return -1;
            }

            var keys = Keys;
            for (var i = 0; i < keys.Length; i++)
            {
                // The parser's keys are interned and callers mostly pass the same literals, so the reference is the
                // usual match; comparing lengths first skips the call for most of the others.
                var candidate = keys[i];
                if ((object)candidate == key || (candidate.Length == key.Length && string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase)))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsActionIdKey(string key) =>
            key.Length == ActionIdKey.Length && ((object)key == ActionIdKey || string.Equals(key, ActionIdKey, StringComparison.OrdinalIgnoreCase));
    }
}
