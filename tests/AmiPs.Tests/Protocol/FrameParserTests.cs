using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Protocol
{
    /// <summary>
    /// The framing parser against an independent reference (split on CRLF CRLF, then on CRLF and the first colon),
    /// whatever the segmenting of the input: its span fast path, its cross-segment path and its value cache must
    /// all give the same messages.
    /// </summary>
    public sealed class FrameParserTests
    {
        public static IEnumerable<object[]> FixtureNames() =>
            Directory.GetFiles(RepoPaths.FixturesDirectory, "*.ami").Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(FixtureNames))]
        public void Parses_each_fixture_as_the_reference_does(string name)
        {
            var bytes = RepoPaths.FixtureBytes(name);
            var expected = Reference(bytes);
            Assert.Equal(expected, Render(Parse(new ReadOnlySequence<byte>(bytes))));
        }

        [Fact]
        public void Gives_the_same_messages_when_the_input_is_split_at_every_offset()
        {
            var all = RepoPaths.FixtureBytes("basic-call.ami");
            var end = all.AsSpan(0, 3000).LastIndexOf(Encoding.ASCII.GetBytes("\r\n\r\n")) + 4; // whole messages only
            var bytes = all.AsSpan(0, end).ToArray();
            var expected = Render(Parse(new ReadOnlySequence<byte>(bytes)));
            for (var cut = 1; cut < bytes.Length; cut++)
            {
                try
                {
                    Assert.Equal(expected, Render(Parse(Segments(bytes, cut, bytes.Length))));
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    throw new InvalidOperationException($"cut at {cut}: '{Encoding.ASCII.GetString(bytes, Math.Max(0, cut - 10), 10)}|{Encoding.ASCII.GetString(bytes, cut, 10)}'", ex);
                }
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(64)]
        [InlineData(4096)]
        public void Gives_the_same_messages_when_fed_in_pieces_as_a_socket_delivers_them(int piece)
        {
            var bytes = RepoPaths.FixtureBytes("busy-and-noanswer.ami");
            var expected = Reference(bytes);
            var parser = new AmiFrameParser();
            var pending = Array.Empty<byte>();
            var banner = false;
            var messages = new List<AmiMessage>();
            for (var offset = 0; offset < bytes.Length; offset += piece)
            {
                var chunk = bytes.AsSpan(offset, Math.Min(piece, bytes.Length - offset)).ToArray();
                var buffer = Segments(pending.Concat(chunk).ToArray(), Math.Max(1, pending.Length), int.MaxValue);
                if (!banner)
                {
                    banner = parser.TryReadBanner(ref buffer, out _);
                }

                while (banner && parser.TryReadMessage(ref buffer, out var message))
                {
                    messages.Add(message);
                }

                pending = buffer.ToArray();
            }

            Assert.Equal(expected, Render(messages));
        }

        [Fact]
        public void Never_confuses_values_that_share_their_ends_and_length()
        {
            var text = "Event: VarSet\r\nValue: AAAAAAAA1BBBBBBBB\r\n\r\n" +
                       "Event: VarSet\r\nValue: AAAAAAAA2BBBBBBBB\r\n\r\n" +
                       "Event: VarSet\r\nValue: AAAAAAAA1BBBBBBBB\r\n\r\n";
            var messages = ParseText(text);
            Assert.Equal(new[] { "AAAAAAAA1BBBBBBBB", "AAAAAAAA2BBBBBBBB", "AAAAAAAA1BBBBBBBB" }, messages.Select(m => m["Value"]));
        }

        [Fact]
        public void Reuses_the_string_of_a_repeated_short_value_but_not_of_a_clock()
        {
            var text = "Event: Newstate\r\nPrivilege: call,all\r\nTimestamp: 1795492231.768736\r\n\r\n" +
                       "Event: Newstate\r\nPrivilege: call,all\r\nTimestamp: 1795492231.768736\r\n\r\n";
            var messages = ParseText(text);
            Assert.Same(messages[0]["Privilege"], messages[1]["Privilege"]);
            Assert.Equal(messages[0]["Timestamp"], messages[1]["Timestamp"]);
            Assert.NotSame(messages[0]["Timestamp"], messages[1]["Timestamp"]);
        }

        [Fact]
        public void Finds_the_first_action_id_in_any_case_and_none_on_a_live_event()
        {
            var messages = ParseText(
                "Response: Success\r\nActionID: a.1\r\nMessage: ok\r\n\r\n" +
                "Event: Status\r\nChannel: x\r\nactionid: b.2\r\nActionID: b.3\r\n\r\n" +
                "Event: Hangup\r\nChannel: y\r\n\r\n");
            Assert.Equal("a.1", messages[0].ActionId);
            Assert.Equal("b.2", messages[1].ActionId);
            Assert.Null(messages[2].ActionId);
            Assert.Equal("b.2", new AmiMessage(messages[1]).ActionId);
        }

        [Fact]
        public void Keeps_a_bare_line_feed_inside_a_value_and_trims_it()
        {
            var messages = ParseText("Response: Success\r\nMessage: Park successful\n\r\nActionID: 7\r\n\r\n");
            var message = Assert.Single(messages);
            Assert.Equal("Park successful", message["Message"]);
            Assert.Equal("7", message.ActionId);
        }

        [Fact]
        public void Drops_a_line_over_the_limit_and_goes_on_with_the_next_message()
        {
            var errors = new List<AmiProtocolError>();
            var parser = new AmiFrameParser(maxLineLength: 64, maxMessageLength: 1024, onError: errors.Add);
            var text = "Event: Big\r\nValue: " + new string('x', 200) + "\r\n\r\nEvent: Small\r\nValue: y\r\n\r\n";
            var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
            var messages = new List<AmiMessage>();
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            Assert.Equal("Small", Assert.Single(messages).Name);
            Assert.Single(errors);
        }

        private static List<AmiMessage> ParseText(string text) =>
            Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)), banner: false);

        private static List<AmiMessage> Parse(ReadOnlySequence<byte> buffer, bool banner = true)
        {
            var parser = new AmiFrameParser();
            if (banner)
            {
                Assert.True(parser.TryReadBanner(ref buffer, out _));
            }

            var messages = new List<AmiMessage>();
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            Assert.True(buffer.IsEmpty, $"whole messages leave nothing behind, left: '{Encoding.ASCII.GetString(buffer.ToArray())}' after {messages.Count} messages");
            return messages;
        }

        private static List<string> Render(IEnumerable<AmiMessage> messages) =>
            messages.Select(m => string.Join("|", m.Select(f => f.Key + "=" + f.Value))).ToList();

        // The simplest reading of the protocol: messages end at an empty line, lines at CRLF, keys at the first colon.
        private static List<string> Reference(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            text = text.Substring(text.IndexOf('\n') + 1);
            var result = new List<string>();
            foreach (var block in text.Split(new[] { "\r\n\r\n" }, StringSplitOptions.None))
            {
                var lines = block.Split(new[] { "\r\n" }, StringSplitOptions.None).Where(l => l.Length > 0).ToList();
                if (lines.Count == 0)
                {
                    continue;
                }

                result.Add(string.Join("|", lines.Select(line =>
                {
                    var colon = line.IndexOf(':');
                    return line.Substring(0, colon).TrimEnd(' ', '\t') + "=" + line.Substring(colon + 1).Trim(' ', '\t');
                })));
            }

            return result;
        }

        // The bytes as a sequence of segments: the first ends at firstCut, the rest are `size` long.
        private static ReadOnlySequence<byte> Segments(byte[] bytes, int firstCut, int size)
        {
            var first = new Segment(bytes.AsMemory(0, Math.Min(firstCut, bytes.Length)), 0);
            var last = first;
            for (var offset = first.Memory.Length; offset < bytes.Length;)
            {
                var length = (int)Math.Min(size, (long)bytes.Length - offset);
                last = last.Append(bytes.AsMemory(offset, length));
                offset += length;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public Segment Append(ReadOnlyMemory<byte> memory)
            {
                var next = new Segment(memory, RunningIndex + Memory.Length);
                Next = next;
                return next;
            }
        }
    }
}
