using System;
using System.Buffers;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// Feeds a parser the way the read loop does: bytes arrive in chunks, each chunk is a segment of the buffer,
    /// and whatever the parser leaves unconsumed is offered again with the next chunk. Records the largest
    /// unconsumed tail, which is what the pipe would have to hold.
    /// </summary>
    internal sealed class ParserFeeder
    {
        private readonly AmiFrameParser _parser;
        private readonly List<byte[]> _pending = new List<byte[]>();

        public ParserFeeder(AmiFrameParser parser)
        {
            _parser = parser;
        }

        public List<AmiMessage> Messages { get; } = new List<AmiMessage>();

        /// <summary>Each message's bytes as the parser kept them, when its <c>KeepRawMessage</c> is set.</summary>
        public List<byte[]> RawMessages { get; } = new List<byte[]>();

        public long LargestTail { get; private set; }

        public void Feed(ReadOnlySpan<byte> chunk)
        {
            if (chunk.IsEmpty)
            {
                return;
            }

            _pending.Add(chunk.ToArray());
            var buffer = Segments.Build(_pending);
            while (_parser.TryReadMessage(ref buffer, out var message))
            {
                Messages.Add(message);
                if (_parser.KeepRawMessage)
                {
                    RawMessages.Add(_parser.LastRawMessage.ToArray());
                }
            }

            LargestTail = Math.Max(LargestTail, buffer.Length);
            var left = buffer.ToArray();
            _pending.Clear();
            if (left.Length > 0)
            {
                _pending.Add(left);
            }

        }

        /// <summary>Feeds <paramref name="bytes"/> cut at the given chunk sizes (the rest in one piece).</summary>
        public void Feed(byte[] bytes, IEnumerable<int> sizes)
        {
            var at = 0;
            foreach (var size in sizes)
            {
                if (at >= bytes.Length)
                {
                    break;
                }

                var take = Math.Min(Math.Max(size, 1), bytes.Length - at);
                Feed(bytes.AsSpan(at, take));
                at += take;
            }

            if (at < bytes.Length)
            {
                Feed(bytes.AsSpan(at));
            }
        }
    }

    /// <summary>Builds a multi-segment sequence so the parser's cross-segment path is exercised.</summary>
    public static class Segments
    {
        public static ReadOnlySequence<byte> Build(IReadOnlyList<byte[]> parts)
        {
            Segment? first = null;
            Segment? last = null;
            foreach (var part in parts)
            {
                if (part.Length == 0)
                {
                    continue;
                }

                last = last is null ? first = new Segment(part, 0) : last.Append(part);
            }

            return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(byte[] memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public Segment Append(byte[] memory)
            {
                var next = new Segment(memory, RunningIndex + Memory.Length);
                Next = next;
                return next;
            }
        }
    }
}
