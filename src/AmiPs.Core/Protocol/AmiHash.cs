using System;
using System.Runtime.InteropServices;

namespace AmiPs.Protocol
{
    /// <summary>
    /// The hash of the parser's key table and value cache: the first and last eight bytes and the length, a few
    /// instructions whatever the length (a byte-by-byte hash is a chain of dependent multiplies, one per byte).
    /// Keys differ at their start or end (<c>Channel</c>, <c>DestChannel</c>, <c>ChannelStateDesc</c>), ids and
    /// channel names at their end. Not for untrusted tables that must resist collisions: both tables are bounded.
    /// </summary>
    internal static class AmiHash
    {
        public static int Of(ReadOnlySpan<byte> bytes)
        {
            ulong head;
            ulong tail;
            if (bytes.Length >= 8)
            {
                head = MemoryMarshal.Read<ulong>(bytes);
                tail = MemoryMarshal.Read<ulong>(bytes.Slice(bytes.Length - 8));
            }
            else
            {
                head = 0;
                foreach (var b in bytes)
                {
                    head = (head << 8) | b;
                }

                tail = head;
            }

            var hash = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)bytes.Length;
            return (int)(hash >> 33);
        }
    }
}
