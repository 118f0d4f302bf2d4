using System;

namespace AmiPs.Protocol
{
    /// <summary>
    /// The shapes a parser has seen recently, so messages with the same keys in the same order share one
    /// <see cref="AmiShape"/> instead of each carrying its keys (8 bytes a field saved on every message).
    /// </summary>
    /// <remarks>
    /// Two-way set-associative, per parser (one reader thread, no locks), fixed size: a hit costs the running hash the
    /// parser keeps as lines arrive and a compare of key references, and allocates nothing; a miss makes a new shape
    /// and evicts the least recently used of its set, so a peer that invents key sets without end costs a shape per
    /// message but never grows the table. The recorded transcripts hold 31 event shapes.
    /// </remarks>
    internal sealed class AmiShapeTable
    {
        /// <summary>Messages with more fields (command output, long lists) get a shape of their own: they rarely repeat, and must not pin a long key array.</summary>
        public const int MaxKeys = 64;

        private const int SetBits = 7;
        private const int Ways = 2;

        private readonly AmiShape?[] _shapes = new AmiShape?[Ways << SetBits];

        public int Capacity => _shapes.Length;

        /// <summary>How many shapes the table holds now.</summary>
        public int Count
        {
            get
            {
                var count = 0;
                foreach (var shape in _shapes)
                {
                    count += shape is null ? 0 : 1;
                }

                return count;
            }
        }

        /// <summary>The running hash of a message's keys, one key at a time: order matters, as it does to the shape.</summary>
        public static int AddKey(int hash, int keyHash) => unchecked((hash + keyHash) * (int)0x9E3779B1);

        /// <summary>The shape for <paramref name="keys"/> (whose running hash is <paramref name="hash"/>): a cached one when the same keys came before.</summary>
        public AmiShape Get(ReadOnlySpan<string> keys, int hash)
        {
            if (keys.Length > MaxKeys)
            {
                return new AmiShape(keys.ToArray());
            }

            // Fibonacci hashing of the hash and the count: the top bits pick the set.
            var set = (int)(unchecked((uint)(hash + keys.Length) * 0x9E3779B1u) >> (32 - SetBits)) * Ways;
            var first = _shapes[set];
            if (first is not null && first.Matches(keys, hash))
            {
                return first;
            }

            var second = _shapes[set + 1];
            if (second is not null && second.Matches(keys, hash))
            {
                _shapes[set + 1] = first;
                _shapes[set] = second;
                return second;
            }

            var shape = new AmiShape(keys.ToArray(), hash);
            _shapes[set + 1] = first;
            _shapes[set] = shape;
            return shape;
        }
    }
}
