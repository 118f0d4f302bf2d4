using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using FsCheck.Xunit;
using Xunit;

namespace AmiPs.Tests.Properties
{
    /// <summary>
    /// Properties of the framing under generated input: any split of a valid stream gives the same messages, and
    /// no input — random bytes, NUL, invalid UTF-8, colon-less lines, empty values — makes the parser throw, hold
    /// more than a line's worth of bytes, or lose its footing for the next good message.
    /// </summary>
    public sealed class FrameParserProperties
    {
        private const int LineLimit = 256;
        private const int MessageLimit = 4096;
        private static readonly byte[] Sentinel = Encoding.ASCII.GetBytes("\r\n\r\n\r\nEvent: Sentinel\r\nMark: 1\r\n\r\n");
        private static readonly string[] Alphabet = { "a", "Z", "0", " ", "-", "/", "é", "€", "😀", "\t", ":", "," };

        [Property(MaxTest = 300)]
        public void Any_split_of_a_valid_stream_gives_the_same_messages(int seed, int[] sizes)
        {
            var expected = Messages(new Random(seed));
            var bytes = expected.SelectMany(m => AmiMessageWriter.ToBytes(m.Select(f => new AmiField(f.Key, f.Value)))).ToArray();

            var feeder = new ParserFeeder(new AmiFrameParser());
            feeder.Feed(bytes, (sizes ?? Array.Empty<int>()).Select(s => Math.Abs(s % 64) + 1));

            Assert.Equal(expected, feeder.Messages.Select(m => m.Select(f => (f.Key, f.Value)).ToList()).ToList());
        }

        [Property(MaxTest = 500)]
        public void Random_bytes_never_throw_never_pile_up_and_the_next_message_gets_through(byte[] garbage, int[] sizes)
        {
            var errors = 0;
            var parser = new AmiFrameParser(LineLimit, MessageLimit, _ => errors++);
            var feeder = new ParserFeeder(parser);
            var input = (garbage ?? Array.Empty<byte>()).Concat(Sentinel).ToArray();

            feeder.Feed(input, (sizes ?? Array.Empty<int>()).Select(s => Math.Abs(s % 32) + 1));

            Assert.True(feeder.LargestTail <= LineLimit + 32, $"tail {feeder.LargestTail}");
            var last = feeder.Messages.Last();
            Assert.Equal("Sentinel", last["Event"]);
            Assert.Equal("1", last["Mark"]);
            Assert.Equal(parser.ErrorCount, errors);
        }

        [Property(MaxTest = 300)]
        public void Nul_bytes_invalid_utf8_and_colon_less_lines_are_survived_and_counted(int seed)
        {
            var random = new Random(seed);
            var lines = new List<byte[]>();
            var expectedErrors = 0;
            for (var i = random.Next(1, 20); i > 0; i--)
            {
                switch (random.Next(5))
                {
                    case 0:
                        lines.Add(new byte[] { (byte)'K', 0, (byte)':', 0, (byte)'v' });
                        break;
                    case 1:
                        lines.Add(new byte[] { (byte)'K', (byte)':', 0xC3, 0x28, 0xFF, 0xFE }); // invalid UTF-8
                        break;
                    case 2:
                        lines.Add(Encoding.ASCII.GetBytes("no colon here"));
                        expectedErrors++;
                        break;
                    case 3:
                        lines.Add(Encoding.ASCII.GetBytes("KeyWithoutValue:"));
                        break;
                    default:
                        lines.Add(Encoding.UTF8.GetBytes("Key: välue"));
                        break;
                }
            }

            var bytes = lines.SelectMany(l => l.Concat(new byte[] { 13, 10 })).Concat(new byte[] { 13, 10 }).Concat(Sentinel).ToArray();
            var parser = new AmiFrameParser(LineLimit, MessageLimit);
            var feeder = new ParserFeeder(parser);
            feeder.Feed(bytes, Enumerable.Repeat(random.Next(1, 9), bytes.Length));

            // Colon-less lines before any field are dropped; a message made only of them is no message.
            Assert.Equal(expectedErrors == lines.Count ? 1 : 2, feeder.Messages.Count);
            Assert.Equal("Sentinel", feeder.Messages.Last()["Event"]);
            Assert.Equal(expectedErrors, parser.ErrorCount);
            Assert.All(feeder.Messages.SelectMany(m => m), f => Assert.DoesNotContain('\r', f.Value));
        }

        private static List<List<(string Key, string Value)>> Messages(Random random)
        {
            var messages = new List<List<(string Key, string Value)>>();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var fields = new List<(string Key, string Value)> { (random.Next(2) == 0 ? "Event" : "Response", Text(random, 1, 12).Trim() is { Length: > 0 } n ? n : "x") };
                for (var f = random.Next(0, 12); f > 0; f--)
                {
                    var key = "K" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    fields.Add((key, Text(random, 0, 40).Trim(' ', '\t')));
                }

                messages.Add(fields);
            }

            return messages;
        }

        private static string Text(Random random, int min, int max)
        {
            var builder = new StringBuilder();
            for (var i = random.Next(min, max); i > 0; i--)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            return builder.ToString();
        }
    }
}
