using System;
using System.Buffers;
using AmiPs.Bench;

namespace AmiPs.Benchmarks
{
    /// <summary>
    /// The fixture event mix as the reader sees it: about 1 MB of whole events, either in one segment or cut into
    /// segments as a pipe delivers socket reads (lines then cross segment ends and take the slow path).
    /// </summary>
    internal sealed class EventStream
    {
        public EventStream(int segmentSize)
        {
            Bytes = FixtureEvents.Concatenated(1 << 20, out var count);
            EventCount = count;
            Sequence = segmentSize <= 0 ? new ReadOnlySequence<byte>(Bytes) : Segment.Chain(Bytes, segmentSize);
        }

        public byte[] Bytes { get; }

        public int EventCount { get; }

        public ReadOnlySequence<byte> Sequence { get; }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public static ReadOnlySequence<byte> Chain(byte[] bytes, int size)
            {
                var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
                var last = first;
                for (var offset = size; offset < bytes.Length; offset += size)
                {
                    var next = new Segment(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), offset);
                    last.Next = next;
                    last = next;
                }

                return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
            }
        }
    }
}
