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

        // Whether a key may hold a secret (AmiSecrets), asked of every message read: 0 not yet known, 1 no, 2 yes.
        // Worked out on first use, as most shapes are shared and a shape of its own is rarely asked; two threads
        // that race work out the same answer.
        private int _secretKeys;

        // For each key, whether no key before it has its text ignoring case (so a look-up that finds it by reference
        // has found the first match); worked out on first look-up, null until then.
        private bool[]? _firstOfItsText;

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

        /// <summary>
        /// Where the key table of the parser that made this shape keeps its keys, for that parser's guesses of the next
        /// event's keys (null until it guesses with it). Written once by that parser, on its reader thread, and read
        /// only by it.
        /// </summary>
        internal int[]? KeySlots { get; set; }

        /// <summary>What the first key says the message is.</summary>
        public AmiMessageKind Kind { get; }

        /// <summary>Whether a key may hold a secret (<see cref="AmiSecrets"/>): a message without one is never redacted.</summary>
        public bool HasSecretKey
        {
            get
            {
                var known = _secretKeys;
                if (known == 0)
                {
                    known = AmiSecrets.AnySecretKey(Keys) ? 2 : 1;
                    _secretKeys = known;
                }

                return known == 2;
            }
        }

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

            // The parser's keys are interned and callers mostly pass the same literals, so the reference is the usual
            // match: found that way, the first key with its text is the answer without comparing any text. (Not for
            // the long shapes of command output, whose firsts would cost the square of their length to work out.)
            var keys = Keys;
            for (var i = 0; i < keys.Length && keys.Length <= AmiShapeTable.MaxKeys; i++)
            {
                if ((object)keys[i] == key)
                {
                    if ((_firstOfItsText ?? FindFirstsOfTheirText())[i])
                    {
                        return i;
                    }

                    break;
                }
            }

            for (var i = 0; i < keys.Length; i++)
            {
                // Comparing lengths first skips the call for most keys.
                var candidate = keys[i];
                if ((object)candidate == key || (candidate.Length == key.Length && string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase)))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool[] FindFirstsOfTheirText()
        {
            var keys = Keys;
            var firsts = new bool[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                firsts[i] = true;
                for (var j = 0; j < i; j++)
                {
                    if (keys[j].Length == keys[i].Length && string.Equals(keys[j], keys[i], StringComparison.OrdinalIgnoreCase))
                    {
                        firsts[i] = false;
                        break;
                    }
                }
            }

            _firstOfItsText = firsts; // whole before it is seen; threads that race build the same answer
            return firsts;
        }

        private static bool IsActionIdKey(string key) =>
            key.Length == ActionIdKey.Length && ((object)key == ActionIdKey || string.Equals(key, ActionIdKey, StringComparison.OrdinalIgnoreCase));
    }
}
