using System;

namespace AmiPs.Protocol
{
    /// <summary>
    /// Reuses the string of a short value seen recently, so a stream of events does not allocate the same
    /// <c>call,all</c>, <c>en</c>, <c>&lt;unknown&gt;</c>, context, state or channel name again and again: most values of
    /// an AMI event repeat (the channel block is resent with every event of a call).
    /// </summary>
    /// <remarks>
    /// Direct-mapped, per parser (one reader thread, no locks), fixed size: a hit costs a hash and a compare of the
    /// bytes kept in one preallocated arena, a miss decodes as before and replaces the slot, allocating nothing more.
    /// Values longer than <see cref="MaxLength"/> are not cached. Strings are immutable, so sharing one is safe.
    /// </remarks>
    internal sealed class AmiValueCache
    {
        public const int MaxLength = 40;
        private const int Slots = 2048;

        private readonly byte[] _arena = new byte[Slots * MaxLength];
        private readonly byte[] _lengths = new byte[Slots];
        private readonly string?[] _strings = new string?[Slots];

        public string GetString(ReadOnlySpan<byte> value)
        {
            if (value.Length > MaxLength)
            {
                return AmiText.Decode(value);
            }

            var slot = AmiHash.Of(value) & (Slots - 1);
            var cached = _strings[slot];
            if (cached is not null && _lengths[slot] == value.Length && value.SequenceEqual(new ReadOnlySpan<byte>(_arena, slot * MaxLength, value.Length)))
            {
                return cached;
            }

            var text = AmiText.Decode(value);
            value.CopyTo(new Span<byte>(_arena, slot * MaxLength, MaxLength));
            _lengths[slot] = (byte)value.Length;
            _strings[slot] = text;
            return text;
        }
    }
}
