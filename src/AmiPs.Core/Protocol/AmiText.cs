using System;
using System.Text;

namespace AmiPs.Protocol
{
    /// <summary>Text decoding for AMI bytes: UTF-8, decoded only once a whole line is framed, invalid bytes replaced rather than rejected.</summary>
    internal static class AmiText
    {
        public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        public static unsafe string Decode(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return string.Empty;
            }

            fixed (byte* p = bytes)
            {
                return Encoding.GetString(p, bytes.Length);
            }
        }
    }
}
