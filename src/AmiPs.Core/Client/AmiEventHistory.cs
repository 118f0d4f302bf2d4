using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Client
{
    /// <summary>
    /// The session's recent events, kept as the bytes they arrived as (with the time each was received) in one ring
    /// buffer, and read back into events only when asked (<c>Receive-AmiEvent -Since</c>, <c>GetEventHistory</c>).
    /// </summary>
    /// <remarks>
    /// Keeping the event objects themselves made every one of them live through two garbage collections and be copied
    /// each time: at a flood's rate most collections were of generation 1, and they took a fifth of the wall time. Bytes
    /// in one array are never copied, never scanned, and cost the working set their own size. Up to
    /// <c>maxEvents</c> events are kept, fewer when they are larger than <see cref="BytesPerEvent"/> on average.
    /// Not thread-safe: the hub calls it under its lock.
    /// </remarks>
    internal sealed class AmiEventHistory
    {
        /// <summary>Room per event in the ring; a realistic event is about 400 bytes.</summary>
        internal const int BytesPerEvent = 512;

        // Each record: [int length of the message][int offset minutes][long local ticks][message bytes].
        private const int HeaderBytes = 16;

        // Both arrays start small and double up to their bounds: a session that sees few events (or a hundred sessions)
        // must not pay for the whole history at connect time.
        private const int InitialEvents = 128;

        private readonly int _maxEvents;
        private readonly int _maxBytes;
        private int[] _offsets;
        private byte[] _ring;
        private int _first;
        private int _count;
        private int _tail;

        public AmiEventHistory(int maxEvents)
        {
            _maxEvents = maxEvents;
            _maxBytes = (int)Math.Min((long)maxEvents * BytesPerEvent, int.MaxValue / 2);
            _offsets = new int[Math.Min(maxEvents, InitialEvents)];
            _ring = new byte[Math.Min(_maxBytes, InitialEvents * BytesPerEvent)];
        }

        public int Count => _count;

        /// <summary>Bytes the history's arrays take now (they grow with use, up to the bounds).</summary>
        internal long AllocatedBytes => _ring.Length + 4L * _offsets.Length;

        /// <summary>Keeps one event: <paramref name="raw"/> is the message as received, a whole message that ends with its empty line.</summary>
        public void Add(ReadOnlySpan<byte> raw, DateTimeOffset received)
        {
            var needed = HeaderBytes + raw.Length;
            if (needed > _maxBytes)
            {
                return; // larger than the whole history: it would evict everything and still not fit
            }

            var outOfSlots = _count == _offsets.Length && _offsets.Length < _maxEvents;
            var outOfBytes = needed > _ring.Length - Used && _ring.Length < _maxBytes;
            if (outOfSlots || outOfBytes)
            {
                Grow(needed);
            }

            _tail = FindRoom(needed);
            var record = new Span<byte>(_ring, _tail, needed);
            BinaryPrimitives.WriteInt32LittleEndian(record, raw.Length);
            BinaryPrimitives.WriteInt32LittleEndian(record.Slice(4), (int)received.Offset.TotalMinutes);
            BinaryPrimitives.WriteInt64LittleEndian(record.Slice(8), received.Ticks);
            raw.CopyTo(record.Slice(HeaderBytes));
            _offsets[(_first + _count) % _offsets.Length] = _tail;
            _count++;
            _tail += needed;
        }

        /// <summary>The kept events received at or after <paramref name="since"/> (all when null), oldest first, as new objects.</summary>
        public List<AmiEvent> Read(DateTimeOffset? since, Func<AmiMessage, DateTimeOffset, AmiEvent> toEvent)
        {
            var result = new List<AmiEvent>();
            var parser = new AmiFrameParser(AmiFrameParser.DefaultMaxLineLength, AmiFrameParser.DefaultMaxMessageLength);
            for (var i = 0; i < _count; i++)
            {
                var offset = _offsets[(_first + i) % _offsets.Length];
                var header = new ReadOnlySpan<byte>(_ring, offset, HeaderBytes);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                var minutes = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(4));
                var ticks = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(8));
                var received = new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
                if (since is { } from && received < from)
                {
                    continue;
                }

                var bytes = new ReadOnlySequence<byte>(_ring, offset + HeaderBytes, length);
                if (parser.TryReadMessage(ref bytes, out var message))
                {
                    result.Add(toEvent(message, received));
                }
            }

            return result;
        }

        /// <summary>Where a record of <paramref name="needed"/> bytes goes, evicting the oldest until it fits and the count allows it.</summary>
        private int FindRoom(int needed)
        {
            while (true)
            {
                if (_count == 0)
                {
                    _first = 0;
                    return 0;
                }

                if (_count < _offsets.Length)
                {
                    var head = _offsets[_first];
                    if (_tail > head)
                    {
                        // Kept bytes lie in [head, tail): room at the end, or else at the start before head.
                        if (_ring.Length - _tail >= needed)
                        {
                            return _tail;
                        }

                        if (head >= needed)
                        {
                            return 0;
                        }
                    }
                    else if (head - _tail >= needed)
                    {
                        // Wrapped: kept bytes lie in [head, end) and [0, tail); the room is between them.
                        return _tail;
                    }
                }

                _first = (_first + 1) % _offsets.Length;
                _count--;
            }
        }

        /// <summary>Bytes held by kept records (gaps left at the end of the ring by a wrap count as used).</summary>
        private int Used => _count == 0 ? 0 : _tail > _offsets[_first] ? _tail - _offsets[_first] : _ring.Length - _offsets[_first] + _tail;

        /// <summary>Doubles the arrays (within their bounds) and lays the kept records out again from the start, oldest first.</summary>
        private void Grow(int needed)
        {
            var ring = new byte[(int)Math.Min(_maxBytes, Math.Max((long)_ring.Length * 2, Used + needed))];
            var offsets = new int[(int)Math.Min(_maxEvents, (long)_offsets.Length * 2)];
            var at = 0;
            for (var i = 0; i < _count; i++)
            {
                var offset = _offsets[(_first + i) % _offsets.Length];
                var length = HeaderBytes + BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(_ring, offset, 4));
                Buffer.BlockCopy(_ring, offset, ring, at, length);
                offsets[i] = at;
                at += length;
            }

            _ring = ring;
            _offsets = offsets;
            _first = 0;
            _tail = at;
        }
    }
}
