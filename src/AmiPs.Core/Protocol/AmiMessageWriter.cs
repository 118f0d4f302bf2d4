using System;
using System.Buffers;
using System.Collections.Generic;

namespace AmiPs.Protocol
{
    /// <summary>Encodes messages as AMI bytes: <c>Key: Value</c> CRLF lines and an empty line. Used for actions (client) and for responses and events (simulator).</summary>
    internal static class AmiMessageWriter
    {
        private static readonly byte[] Separator = { (byte)':', (byte)' ' };
        private static readonly byte[] LineEnd = { (byte)'\r', (byte)'\n' };
        private static readonly char[] Forbidden = { '\r', '\n', '\0' };

        /// <summary>Writes <c>Action</c>, <c>ActionID</c>, then the action's fields; the action was validated as it was built.</summary>
        public static void WriteAction(IBufferWriter<byte> output, AmiAction action, string actionId)
        {
            if (actionId.IndexOfAny(Forbidden) >= 0)
            {
                throw new AmiActionException("ActionID", "The ActionID contains a line break or NUL. Nothing was sent.");
            }

            WriteField(output, "Action", action.Name);
            WriteField(output, "ActionID", actionId);
            var fields = action.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                // By index: a foreach over the interface would allocate an enumerator for every action sent.
                WriteField(output, fields[i].Key, fields[i].Value);
            }

            Write(output, LineEnd);
        }

        /// <summary>Writes fields as given, then the closing empty line. The caller vouches for the text (a server's own output).</summary>
        public static void WriteMessage(IBufferWriter<byte> output, IEnumerable<AmiField> fields)
        {
            foreach (var field in fields)
            {
                WriteField(output, field.Key, field.Value);
            }

            Write(output, LineEnd);
        }

        public static byte[] ToBytes(IEnumerable<AmiField> fields)
        {
            var buffer = new ArrayBuffer();
            WriteMessage(buffer, fields);
            return buffer.ToArray();
        }

        public static void WriteField(IBufferWriter<byte> output, string key, string value)
        {
            WriteText(output, key);
            Write(output, Separator);
            WriteText(output, value);
            Write(output, LineEnd);
        }

        public static unsafe void WriteText(IBufferWriter<byte> output, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            var max = AmiText.Encoding.GetMaxByteCount(text.Length);
            var span = output.GetSpan(max);
            int written;
            fixed (char* chars = text)
            fixed (byte* bytes = span)
            {
                written = AmiText.Encoding.GetBytes(chars, text.Length, bytes, span.Length);
            }

            output.Advance(written);
        }

        private static void Write(IBufferWriter<byte> output, byte[] bytes)
        {
            bytes.AsSpan().CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }

        /// <summary>A growable <see cref="IBufferWriter{T}"/> (netstandard2.0 has no ArrayBufferWriter).</summary>
        public sealed class ArrayBuffer : IBufferWriter<byte>
        {
            private byte[] _buffer = new byte[512];
            private int _written;

            public int WrittenCount => _written;

            public ReadOnlyMemory<byte> WrittenMemory => new ReadOnlyMemory<byte>(_buffer, 0, _written);

            public void Advance(int count) => _written += count;

            public Memory<byte> GetMemory(int sizeHint = 0)
            {
                Ensure(sizeHint);
                return _buffer.AsMemory(_written);
            }

            public Span<byte> GetSpan(int sizeHint = 0)
            {
                Ensure(sizeHint);
                return _buffer.AsSpan(_written);
            }

            public void Clear() => _written = 0;

            public byte[] ToArray() => WrittenMemory.ToArray();

            private void Ensure(int sizeHint)
            {
                var needed = _written + Math.Max(sizeHint, 1);
                if (needed > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
                }
            }
        }
    }
}
