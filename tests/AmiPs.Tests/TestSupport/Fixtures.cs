using System.Buffers;
using System.Collections.Generic;
using AmiPs.Protocol;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>The recorded Asterisk transcripts, parsed with the product's own parser.</summary>
    public static class Fixtures
    {
        /// <summary>What the server sent (<c>*.ami</c>): banner first, then messages.</summary>
        public static List<AmiMessage> Messages(string name) => Parse(RepoPaths.FixtureBytes(name), withBanner: true);

        /// <summary>What the client sent (<c>*.sent</c>): actions, no banner.</summary>
        public static List<AmiMessage> SentMessages(string name) => Parse(RepoPaths.FixtureBytes(name), withBanner: false);

        public static List<AmiMessage> Parse(byte[] bytes, bool withBanner)
        {
            var parser = new AmiFrameParser();
            var buffer = new ReadOnlySequence<byte>(bytes);
            if (withBanner)
            {
                parser.TryReadBanner(ref buffer, out _);
            }

            var messages = new List<AmiMessage>();
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            return messages;
        }
    }
}
