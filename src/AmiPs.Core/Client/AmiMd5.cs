using System;
using System.Buffers.Binary;

namespace AmiPs.Client
{
    /// <summary>
    /// MD5 (RFC 1321) for the one thing AMI needs it for: the key of an MD5 challenge login, md5(challenge + secret),
    /// a few dozen bytes once per connection. Its own code rather than System.Security.Cryptography's because on Linux
    /// that one loads and initialises OpenSSL (libcrypto, libssl and .NET's shim) on first use: 6-8 ms of every scheduled
    /// check's new pwsh process (<c>docs/benchmarks.md</c>, "Start-up"), for a hash that takes microseconds. Asterisk
    /// has its own MD5 too (<c>main/md5.c</c>). Not for anything that needs a secure hash: MD5 is not one.
    /// </summary>
    internal static class AmiMd5
    {
        // The per-step shift amounts and the constants floor(abs(sin(i + 1)) * 2^32), as RFC 1321 lists them.
        private static readonly int[] Shifts =
        {
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
            5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
        };

        private static readonly uint[] Constants =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };

        /// <summary>The 16-byte digest of <paramref name="message"/>.</summary>
        public static byte[] Hash(ReadOnlySpan<byte> message)
        {
            // The message, a 0x80 byte, zeros up to 8 bytes short of a 64-byte block, then the length in bits.
            var padded = new byte[((message.Length + 8) / 64 + 1) * 64];
            message.CopyTo(padded);
            padded[message.Length] = 0x80;
            BinaryPrimitives.WriteUInt64LittleEndian(padded.AsSpan(padded.Length - 8), (ulong)message.Length * 8);

            uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
            var words = new uint[16];
            for (var block = 0; block < padded.Length; block += 64)
            {
                for (var i = 0; i < 16; i++)
                {
                    words[i] = BinaryPrimitives.ReadUInt32LittleEndian(padded.AsSpan(block + (4 * i), 4));
                }

                uint a = a0, b = b0, c = c0, d = d0;
                for (var i = 0; i < 64; i++)
                {
                    uint f;
                    int word;
                    switch (i / 16)
                    {
                        case 0: f = (b & c) | (~b & d); word = i; break;
                        case 1: f = (d & b) | (~d & c); word = ((5 * i) + 1) % 16; break;
                        case 2: f = b ^ c ^ d; word = ((3 * i) + 5) % 16; break;
                        default: f = c ^ (b | ~d); word = (7 * i) % 16; break;
                    }

                    f += a + Constants[i] + words[word];
                    a = d;
                    d = c;
                    c = b;
                    b += (f << Shifts[i]) | (f >> (32 - Shifts[i]));
                }

                a0 += a;
                b0 += b;
                c0 += c;
                d0 += d;
            }

            var digest = new byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(0), a0);
            BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(4), b0);
            BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(8), c0);
            BinaryPrimitives.WriteUInt32LittleEndian(digest.AsSpan(12), d0);
            return digest;
        }
    }
}
