using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Protocol
{
    /// <summary>
    /// Every recorded Asterisk transcript, fed to the parser as a socket would deliver it: split at every offset,
    /// one byte at a time, and in random chunks. Each way must give the same messages, fields and order as the
    /// whole file parsed at once, and the whole file must give what the raw text says.
    /// </summary>
    public sealed class FrameReplayTests
    {
        public static TheoryData<string> ServerTranscripts => new TheoryData<string>
        {
            "basic-call.ami", "busy-and-noanswer.ami", "command-and-lists.ami", "failed-login.ami", "md5-login.ami", "monitor-user.ami", "timestamped-calls.ami",
        };

        public static TheoryData<string> ClientTranscripts => new TheoryData<string>
        {
            "basic-call.sent", "busy-and-noanswer.sent", "command-and-lists.sent", "failed-login.sent", "md5-login.sent", "monitor-user.sent", "timestamped-calls.sent",
        };

        [Theory]
        [MemberData(nameof(ServerTranscripts))]
        public void A_whole_transcript_gives_one_message_per_blank_line_with_every_field(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var (banner, messages) = Feed(bytes, new[] { bytes.Length }, withBanner: true);

            Assert.Equal("Asterisk Call Manager/13.0.0", banner);
            Assert.Equal(ExpectedFromText(bytes, withBanner: true), messages);
        }

        [Theory]
        [MemberData(nameof(ClientTranscripts))]
        public void Client_actions_parse_too(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var (_, messages) = Feed(bytes, new[] { bytes.Length }, withBanner: false);

            Assert.Equal(ExpectedFromText(bytes, withBanner: false), messages);
            Assert.All(messages, m => Assert.Equal("Action", m[0].Item1));
        }

        [Theory]
        [MemberData(nameof(ServerTranscripts))]
        public void One_byte_at_a_time_gives_the_same_messages(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var whole = Feed(bytes, new[] { bytes.Length }, withBanner: true);

            var bytewise = Feed(bytes, Enumerable.Repeat(1, bytes.Length), withBanner: true);

            Assert.Equal(whole.Banner, bytewise.Banner);
            Assert.Equal(whole.Messages, bytewise.Messages);
        }

        [Theory]
        [MemberData(nameof(ServerTranscripts))]
        public void Random_chunks_give_the_same_messages(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var whole = Feed(bytes, new[] { bytes.Length }, withBanner: true);
            var random = new Random(name.GetHashCode(StringComparison.Ordinal));

            for (var run = 0; run < 20; run++)
            {
                var chunks = new List<int>();
                for (var left = bytes.Length; left > 0;)
                {
                    var size = Math.Min(left, random.Next(1, run % 2 == 0 ? 16 : 1500));
                    chunks.Add(size);
                    left -= size;
                }

                Assert.Equal(whole.Messages, Feed(bytes, chunks, withBanner: true).Messages);
            }
        }

        [Theory]
        [InlineData("command-and-lists.ami")]
        [InlineData("md5-login.ami")]
        [InlineData("monitor-user.ami")]
        [InlineData("failed-login.ami")]
        public void A_split_at_every_offset_gives_the_same_messages(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var whole = Feed(bytes, new[] { bytes.Length }, withBanner: true);

            for (var at = 1; at < bytes.Length; at++)
            {
                var split = Feed(bytes, new[] { at, bytes.Length - at }, withBanner: true);
                Assert.True(whole.Messages.Count == split.Messages.Count && whole.Messages.Zip(split.Messages).All(p => p.First.SequenceEqual(p.Second)), $"split at byte {at} of {name} differs");
            }
        }

        [Fact]
        public void Repeated_keys_and_empty_values_are_kept_in_order()
        {
            var statusItem = Fixtures.Messages("command-and-lists.ami").First(m => m.Name == "Status");
            Assert.Equal("6", statusItem.ActionId);
            Assert.True(statusItem.TryGetValue("AccountCode", out var empty));
            Assert.Equal(string.Empty, empty);
            Assert.Equal("Writetrans", statusItem[statusItem.Count - 5].Key); // fields stay in the order sent

            var command = Fixtures.Messages("command-and-lists.ami").First(m => m.GetValues("Output").Count > 1);
            Assert.True(command.GetValues("Output").Count > 1);
            Assert.Contains(command, f => f.Key == "Output");
        }

        [Fact]
        public void A_bare_line_feed_inside_a_value_does_not_end_the_line()
        {
            var bytes = Encoding.ASCII.GetBytes("Asterisk Call Manager/13.0.0\r\nResponse: Success\r\nMessage: Park successful\n\r\n\r\nEvent: Next\r\n\r\n");
            var (_, messages) = Feed(bytes, new[] { bytes.Length }, withBanner: true);

            Assert.Equal(2, messages.Count);
            Assert.Equal(new[] { ("Response", "Success"), ("Message", "Park successful") }, messages[0]);
            Assert.Equal(new[] { ("Event", "Next") }, messages[1]);
        }

        [Fact]
        public void A_multibyte_character_split_across_reads_is_decoded_whole()
        {
            var bytes = Encoding.UTF8.GetBytes("Event: Newchannel\r\nCallerIDName: Zoë Åström\r\n\r\n");
            var whole = Feed(bytes, new[] { bytes.Length }, withBanner: false).Messages;
            var at = Array.IndexOf(bytes, (byte)0xC3) + 1; // inside the two bytes of ë

            Assert.Equal(whole, Feed(bytes, new[] { at, bytes.Length - at }, withBanner: false).Messages);
            Assert.Equal("Zoë Åström", whole[0][1].Item2);
        }

        [Fact]
        public void An_overlong_line_is_an_error_and_the_next_message_still_arrives()
        {
            var errors = new List<AmiProtocolError>();
            var parser = new AmiFrameParser(maxLineLength: 1024, onError: errors.Add);
            var bytes = Encoding.ASCII.GetBytes("Event: Big\r\nData: " + new string('x', 5000) + "\r\nMore: y\r\n\r\nEvent: After\r\nChannel: PJSIP/1\r\n\r\n");

            var messages = Feed(parser, bytes, Enumerable.Repeat(700, bytes.Length / 700 + 1), withBanner: false).Messages;

            Assert.Equal(new[] { new[] { ("Event", "After"), ("Channel", "PJSIP/1") } }, messages);
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(AmiProtocolErrorKind.LineTooLong, e.Kind));
        }

        [Fact]
        public void An_overlong_message_is_an_error_and_the_next_message_still_arrives()
        {
            var errors = new List<AmiProtocolError>();
            var parser = new AmiFrameParser(maxLineLength: 1024, maxMessageLength: 4096, onError: errors.Add);
            var big = new StringBuilder("Event: Huge\r\n");
            for (var i = 0; i < 500; i++)
            {
                big.Append("Variable: v").Append(i).Append("=1\r\n");
            }

            var bytes = Encoding.ASCII.GetBytes(big + "\r\nEvent: After\r\n\r\n");
            var messages = Feed(parser, bytes, new[] { bytes.Length }, withBanner: false).Messages;

            Assert.Equal(new[] { new[] { ("Event", "After") } }, messages);
            Assert.Contains(errors, e => e.Kind == AmiProtocolErrorKind.MessageTooLong);
        }

        /// <summary>What the text of a transcript says, read naively: blank lines end messages, CRLF ends lines, the first ':' splits.</summary>
        private static List<(string, string)[]> ExpectedFromText(byte[] bytes, bool withBanner)
        {
            var text = Encoding.UTF8.GetString(bytes);
            var lines = text.Split("\r\n").Skip(withBanner ? 1 : 0);
            var result = new List<(string, string)[]>();
            var current = new List<(string, string)>();
            foreach (var line in lines)
            {
                if (line.Length == 0)
                {
                    if (current.Count > 0)
                    {
                        result.Add(current.ToArray());
                        current.Clear();
                    }

                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                current.Add(colon < 0 ? (line.Trim(), string.Empty) : (line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
            }

            return result;
        }

        private static (string? Banner, List<(string, string)[]> Messages) Feed(byte[] bytes, IEnumerable<int> chunks, bool withBanner) =>
            Feed(new AmiFrameParser(), bytes, chunks, withBanner);

        /// <summary>Delivers the bytes in the given chunks, each its own segment after what is still unconsumed, as a pipe would.</summary>
        private static (string? Banner, List<(string, string)[]> Messages) Feed(AmiFrameParser parser, byte[] bytes, IEnumerable<int> chunks, bool withBanner)
        {
            var messages = new List<(string, string)[]>();
            string? banner = null;
            var pending = Array.Empty<byte>();
            var offset = 0;
            foreach (var chunk in chunks)
            {
                var size = Math.Min(chunk, bytes.Length - offset);
                if (size <= 0)
                {
                    break;
                }

                var buffer = Segments.Of(pending, bytes.AsMemory(offset, size));
                offset += size;
                if (withBanner && banner is null && !parser.TryReadBanner(ref buffer, out banner))
                {
                    pending = buffer.ToArray();
                    continue;
                }

                while (parser.TryReadMessage(ref buffer, out var message))
                {
                    messages.Add(message.Select(f => (f.Key, f.Value)).ToArray());
                }

                pending = buffer.ToArray();
            }

            return (banner, messages);
        }

        private sealed class Segments : ReadOnlySequenceSegment<byte>
        {
            private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public static ReadOnlySequence<byte> Of(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second)
            {
                if (first.IsEmpty)
                {
                    return new ReadOnlySequence<byte>(second);
                }

                var head = new Segments(first, 0);
                var tail = new Segments(second, first.Length);
                head.Next = tail;
                return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
            }
        }
    }
}
