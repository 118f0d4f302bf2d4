using System;
using System.Linq;
using System.Text;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Properties
{
    /// <summary>Hostile sizes at the default limits, fed in 64 KiB reads as the socket delivers them: the parser drops, counts and carries on; nothing it holds grows with the input.</summary>
    public sealed class FrameParserLimitTests
    {
        private const int Read = 64 * 1024;
        private static readonly byte[] Sentinel = Encoding.ASCII.GetBytes("\r\n\r\n\r\nEvent: Sentinel\r\nMark: 1\r\n\r\n");

        [Fact]
        public void A_10_MB_line_is_dropped_and_counted()
        {
            var bytes = Encoding.ASCII.GetBytes("Event: Big\r\nData: ").Concat(Enumerable.Repeat((byte)'x', 10 * 1024 * 1024)).Concat(Sentinel).ToArray();

            var (feeder, parser) = FeedAtDefaults(bytes);

            Assert.Equal("Sentinel", Assert.Single(feeder.Messages)["Event"]);
            Assert.Equal(1, parser.ErrorCount);
            Assert.True(feeder.LargestTail <= AmiFrameParser.DefaultMaxLineLength + Read, $"tail {feeder.LargestTail}");
        }

        [Fact]
        public void A_million_fields_are_one_dropped_message()
        {
            var builder = new StringBuilder("Event: Wide\r\n");
            for (var i = 0; i < 1_000_000; i++)
            {
                builder.Append("F: v\r\n");
            }

            var (feeder, parser) = FeedAtDefaults(Encoding.ASCII.GetBytes(builder.ToString()).Concat(Sentinel).ToArray());

            Assert.Equal("Sentinel", Assert.Single(feeder.Messages)["Event"]);
            Assert.Equal(1, parser.ErrorCount); // MessageTooLong once, then skipped to the blank line
        }

        [Fact]
        public void A_message_that_never_ends_is_cut_at_the_limit_and_the_next_one_is_read()
        {
            var errors = new System.Collections.Generic.List<AmiProtocolError>();
            var parser = new AmiFrameParser(onError: errors.Add);
            var feeder = new ParserFeeder(parser);
            var line = Encoding.ASCII.GetBytes("Key: " + new string('v', 1000) + "\r\n");
            feeder.Feed(Encoding.ASCII.GetBytes("Event: Endless\r\n"));
            for (var i = 0; i < 3000; i++) // 3 MB without a blank line
            {
                feeder.Feed(line);
            }

            Assert.Empty(feeder.Messages);
            Assert.Equal(AmiProtocolErrorKind.MessageTooLong, Assert.Single(errors).Kind);
            feeder.Feed(Sentinel);
            Assert.Equal("Sentinel", Assert.Single(feeder.Messages)["Event"]);
        }

        private static (ParserFeeder Feeder, AmiFrameParser Parser) FeedAtDefaults(byte[] bytes)
        {
            var parser = new AmiFrameParser();
            var feeder = new ParserFeeder(parser);
            for (var at = 0; at < bytes.Length; at += Read)
            {
                feeder.Feed(bytes.AsSpan(at, Math.Min(Read, bytes.Length - at)));
            }

            return (feeder, parser);
        }
    }
}
