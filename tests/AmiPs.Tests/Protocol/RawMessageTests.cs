using System;
using System.Linq;
using System.Text;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Protocol
{
    /// <summary>
    /// The bytes the parser keeps of each message (what the session's history stores): read back by a fresh parser,
    /// they give the same message, whatever way the socket cut the stream; and for CRLF text they are the bytes sent.
    /// </summary>
    public sealed class RawMessageTests
    {
        [Theory]
        [MemberData(nameof(FrameReplayTests.ServerTranscripts), MemberType = typeof(FrameReplayTests))]
        public void Kept_bytes_read_back_into_the_same_message_however_the_stream_was_cut(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var body = BodyAfterBanner(bytes);
            foreach (var chunk in new[] { body.Length, 700, 37, 1 })
            {
                var feeder = new ParserFeeder(new AmiFrameParser { KeepRawMessage = true });
                feeder.Feed(body, Enumerable.Repeat(chunk, body.Length / chunk + 1));

                Assert.NotEmpty(feeder.Messages);
                Assert.Equal(feeder.Messages.Count, feeder.RawMessages.Count);
                for (var i = 0; i < feeder.Messages.Count; i++)
                {
                    var again = new ParserFeeder(new AmiFrameParser());
                    again.Feed(feeder.RawMessages[i], new[] { feeder.RawMessages[i].Length });
                    var back = Assert.Single(again.Messages);
                    Assert.Equal(feeder.Messages[i].Select(f => (f.Key, f.Value)), back.Select(f => (f.Key, f.Value)));
                }
            }
        }

        [Fact]
        public void Kept_bytes_are_the_lines_as_received_with_the_closing_empty_line()
        {
            var text = "Event: Newchannel\r\nChannel:  PJSIP/1001-0001 \r\nCallerIDName: Alice\r\n\r\n";
            var parser = new AmiFrameParser { KeepRawMessage = true };
            var feeder = new ParserFeeder(parser);
            feeder.Feed(Encoding.UTF8.GetBytes(text + "Event: Hangup\r\nCause: 16\r\n\r\n"), new[] { 10, 30 });

            Assert.Equal(text, Encoding.UTF8.GetString(feeder.RawMessages[0]));
            Assert.Equal("Event: Hangup\r\nCause: 16\r\n\r\n", Encoding.UTF8.GetString(feeder.RawMessages[1]));
        }

        [Fact]
        public void A_dropped_message_leaves_nothing_in_the_next_ones_bytes()
        {
            var parser = new AmiFrameParser(maxLineLength: 64, maxMessageLength: 128) { KeepRawMessage = true };
            var feeder = new ParserFeeder(parser);
            var tooLong = "Event: Big\r\n" + string.Concat(Enumerable.Repeat("Key: " + new string('x', 40) + "\r\n", 5)) + "\r\n";
            feeder.Feed(Encoding.UTF8.GetBytes(tooLong + "Event: Small\r\nN: 1\r\n\r\n"), new[] { 9 });

            Assert.Equal("Event: Small\r\nN: 1\r\n\r\n", Encoding.UTF8.GetString(Assert.Single(feeder.RawMessages)));
        }

        [Fact]
        public void Nothing_is_kept_unless_asked()
        {
            var parser = new AmiFrameParser();
            var feeder = new ParserFeeder(parser);
            feeder.Feed(Encoding.UTF8.GetBytes("Event: Hangup\r\nCause: 16\r\n\r\n"), new[] { 100 });

            Assert.Single(feeder.Messages);
            Assert.True(parser.LastRawMessage.IsEmpty);
        }

        private static byte[] BodyAfterBanner(byte[] bytes)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\n');
            return bytes.AsSpan(lineEnd + 1).ToArray();
        }
    }
}
