using System;
using System.Buffers;
using System.Collections.Generic;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Fuzz
{
    /// <summary>
    /// One fuzz input through the framing and the event factory, as the read loop would see it: the first byte
    /// picks the read size, the rest arrives in reads of that size. Anything but the parser's own
    /// <see cref="AmiProtocolException"/> (a banner that never ends) is a crash; so is holding more than a
    /// line's worth of unconsumed bytes.
    /// </summary>
    public static class ParserTarget
    {
        private const int LineLimit = 256;
        private const int MessageLimit = 4096;

        public static void Run(ReadOnlySpan<byte> input)
        {
            if (input.IsEmpty)
            {
                return;
            }

            var readSize = (input[0] % 31) + 1;
            var data = input.Slice(1).ToArray();
            var parser = new AmiFrameParser(LineLimit, MessageLimit);
            var pending = Array.Empty<byte>();
            var bannerRead = (input[0] & 0x80) != 0; // half the inputs start after the banner
            for (var at = 0; at < data.Length; at += readSize)
            {
                var chunk = data.AsSpan(at, Math.Min(readSize, data.Length - at));
                var joined = new byte[pending.Length + chunk.Length];
                pending.CopyTo(joined, 0);
                chunk.CopyTo(joined.AsSpan(pending.Length));
                var buffer = new ReadOnlySequence<byte>(joined);
                if (!bannerRead)
                {
                    try
                    {
                        bannerRead = parser.TryReadBanner(ref buffer, out _);
                    }
                    catch (AmiProtocolException)
                    {
                        return; // not an AMI peer: the connection refuses it
                    }
                }

                if (bannerRead)
                {
                    while (parser.TryReadMessage(ref buffer, out var message))
                    {
                        Use(message);
                    }
                }

                if (bannerRead && buffer.Length > LineLimit + readSize)
                {
                    throw new InvalidOperationException($"The parser left {buffer.Length} bytes unconsumed; the limit is a line.");
                }

                pending = buffer.ToArray();
            }
        }

        private static void Use(AmiMessage message)
        {
            _ = message.Kind;
            _ = message.ActionId;
            _ = message.ToString();
            var amiEvent = AmiEventFactory.Create(message, DateTimeOffset.UnixEpoch, "fuzz");
            _ = amiEvent.ToString();
            foreach (var field in message)
            {
                _ = field.Key.Length + field.Value.Length;
            }
        }
    }
}
