using System;
using System.Buffers;
using System.Collections;
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
    /// Messages with the same keys in the same order share one shape (their keys), so a message holds only its values.
    /// Sharing must never show: every look-up gives what a message built from the same fields gives.
    /// </summary>
    public sealed class MessageShapeTests
    {
        [Fact]
        public void Messages_with_the_same_keys_in_the_same_order_share_one_shape()
        {
            var messages = Parse(
                "Event: Hangup\r\nChannel: PJSIP/1-1\r\nCause: 16\r\n\r\n" +
                "Event: Newstate\r\nChannel: PJSIP/2-2\r\nCause: 0\r\n\r\n");

            Assert.Same(messages[0].Shape, messages[1].Shape);
            Assert.Equal(new[] { "Hangup", "PJSIP/1-1", "16" }, messages[0].Select(f => f.Value));
            Assert.Equal(new[] { "Newstate", "PJSIP/2-2", "0" }, messages[1].Select(f => f.Value));
        }

        [Theory]
        [InlineData("Event: X\r\nCause: 16\r\nChannel: c\r\n\r\n")] // other order
        [InlineData("Event: X\r\nChannel: c\r\n\r\n")] // a key fewer
        [InlineData("Event: X\r\nChannel: c\r\nCause: 16\r\nUniqueid: 1.1\r\n\r\n")] // a key more
        [InlineData("Event: X\r\nchannel: c\r\nCause: 16\r\n\r\n")] // a key in another case: kept as sent
        [InlineData("Event: X\r\nChannel: c\r\nChannel: 16\r\n\r\n")] // the same key twice
        public void Different_keys_order_count_or_case_get_another_shape(string other)
        {
            var messages = Parse("Event: X\r\nChannel: c\r\nCause: 16\r\n\r\n" + other + "Event: X\r\nChannel: d\r\nCause: 17\r\n\r\n");

            Assert.NotSame(messages[0].Shape, messages[1].Shape);
            Assert.Same(messages[0].Shape, messages[2].Shape); // both stay in the table
            Assert.Equal(Render(Reference(other)), Render(messages[1]));
        }

        [Fact]
        public void Repeated_keys_and_lines_without_a_colon_share_a_shape_and_read_as_before()
        {
            var text = "Event: Status\r\nVariable: a=1\r\nno colon here\r\nVariable: b=2\r\nActionID: 5\r\n\r\n";
            var messages = Parse(text + text.Replace("a=1", "c=3", StringComparison.Ordinal));

            Assert.Same(messages[0].Shape, messages[1].Shape);
            Assert.Equal(new[] { "c=3", "b=2" }, messages[1].GetValues("variable"));
            Assert.Equal("no colon here", messages[1][string.Empty]);
            Assert.Equal("5", messages[1].ActionId);
            AssertReadsAsBuilt(messages[1]);
        }

        [Fact]
        public void Raw_command_output_and_huge_messages_keep_their_own_shape_out_of_the_table()
        {
            var follows = "Response: Follows\r\nPrivilege: Command\r\nActionID: 9\r\nline one\nline: two\n--END COMMAND--\r\n\r\n";
            var huge = "Event: Huge\r\n" + string.Concat(Enumerable.Range(0, AmiShapeTable.MaxKeys + 10).Select(i => $"Variable: v{i}=1\r\n")) + "\r\n";
            var parser = new AmiFrameParser();
            var messages = Parse(parser, follows + follows + huge + huge);

            Assert.Equal(0, parser.Shapes.Count);
            Assert.NotSame(messages[0].Shape, messages[1].Shape);
            Assert.Equal(new[] { "line one", "line: two" }, messages[1].GetValues("Output"));
            Assert.Equal("9", messages[1].ActionId);
            Assert.Equal(AmiMessageKind.Response, messages[1].Kind);
            Assert.NotSame(messages[2].Shape, messages[3].Shape);
            Assert.Equal(AmiShapeTable.MaxKeys + 11, messages[3].Count);
            Assert.Equal("v73=1", messages[3][messages[3].Count - 1].Value);
            Assert.All(messages, AssertReadsAsBuilt);
        }

        [Fact]
        public void A_flood_of_new_key_sets_keeps_the_table_bounded_and_shapes_are_shared_again_after_it()
        {
            var parser = new AmiFrameParser();
            var flood = new StringBuilder();
            for (var i = 0; i < 5000; i++)
            {
                flood.Append("Event: UserEvent\r\nKey").Append(i).Append(": ").Append(i).Append("\r\n\r\n");
            }

            var messages = Parse(parser, flood.ToString());
            Assert.Equal(5000, messages.Count);
            Assert.InRange(parser.Shapes.Count, 1, parser.Shapes.Capacity);
            Assert.Equal("4321", messages[4321]["Key4321"]);

            // Past the key table's bound keys are no longer interned (a new string each time): shapes still match by text.
            var after = Parse(parser, "Event: UserEvent\r\nKey99999: a\r\n\r\nEvent: UserEvent\r\nKey99999: b\r\n\r\n");
            Assert.Same(after[0].Shape, after[1].Shape);
            Assert.Equal("b", after[1]["KEY99999"]);
        }

        [Fact]
        public void Keys_with_the_same_hash_in_one_set_are_told_apart_and_the_least_recent_is_evicted()
        {
            var table = new AmiShapeTable();
            string[] a = { "Event", "A" }, b = { "Event", "B" }, c = { "Event", "C" };

            var shapeA = table.Get(a, 42);
            var shapeB = table.Get(b, 42);
            Assert.NotSame(shapeA, shapeB);
            Assert.Same(shapeA, table.Get(a, 42));
            Assert.Same(shapeB, table.Get(new[] { "Event", "B" }, 42)); // equal text, other instances

            var shapeC = table.Get(c, 42); // evicts A, used least recently
            Assert.Same(shapeB, table.Get(b, 42));
            Assert.Same(shapeC, table.Get(c, 42));
            Assert.NotSame(shapeA, table.Get(a, 42));
            Assert.Equal(2, table.Count);
        }

        public static IEnumerable<object[]> FixtureNames() =>
            Directory.GetFiles(RepoPaths.FixturesDirectory, "*.ami").Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(FixtureNames))]
        public void Every_fixture_message_reads_as_one_built_from_its_fields(string name)
        {
            var messages = Fixtures.Messages(name);
            Assert.All(messages, AssertReadsAsBuilt);

            // The transcripts hold fewer key sets than the table has room for: each gets one shape, shared by all its messages.
            var keySets = messages.Where(m => m.Count <= AmiShapeTable.MaxKeys).GroupBy(m => Render(m.Select(f => new AmiField(f.Key, string.Empty))));
            Assert.All(keySets, set => Assert.Single(set.Select(m => m.Shape).Distinct()));
        }

        [Fact]
        public void A_message_built_from_fields_enumerates_and_resets_as_an_array_does()
        {
            var message = new AmiMessage(new[] { new AmiField("Event", "X"), new AmiField("A", "1") });
            IEnumerator enumerator = ((IEnumerable)message).GetEnumerator();

            Assert.Throws<InvalidOperationException>(() => enumerator.Current);
            Assert.True(enumerator.MoveNext());
            Assert.Equal("Event: X", enumerator.Current!.ToString());
            Assert.True(enumerator.MoveNext());
            Assert.False(enumerator.MoveNext());
            Assert.False(enumerator.MoveNext());
            enumerator.Reset();
            Assert.True(enumerator.MoveNext());
            Assert.Equal("Event: X", enumerator.Current!.ToString());
            Assert.Throws<IndexOutOfRangeException>(() => message[2]);
        }

        [Fact]
        public void A_default_field_reads_as_an_empty_key_and_value()
        {
            var message = new AmiMessage(new[] { default(AmiField), new AmiField("A", "1") });

            Assert.Equal(string.Empty, message[0].Key);
            Assert.Equal(string.Empty, message.Name);
            Assert.Equal(AmiMessageKind.Other, message.Kind);
            Assert.Equal("1", message["a"]);
        }

        /// <summary>Every public read of <paramref name="message"/> against a message built from its fields.</summary>
        private static void AssertReadsAsBuilt(AmiMessage message)
        {
            var built = new AmiMessage(message.ToList());
            Assert.Equal(built.Count, message.Count);
            Assert.Equal(built.Kind, message.Kind);
            Assert.Equal(built.Name, message.Name);
            Assert.Equal(built.ActionId, message.ActionId);
            Assert.Equal(built.ToString(), message.ToString());
            Assert.Equal(Render(built), Render(message));
            for (var i = 0; i < message.Count; i++)
            {
                Assert.Equal(built[i].Key, message[i].Key);
                Assert.Equal(built[i].Value, message[i].Value);
            }

            var keys = message.Select(f => f.Key).Concat(new[] { "ActionID", "actionid", "Absent", string.Empty });
            foreach (var key in keys.SelectMany(k => new[] { k, k.ToUpperInvariant(), k.ToLowerInvariant(), new string(k.ToCharArray()) }))
            {
                Assert.Equal(built[key], message[key]);
                Assert.Equal(built.TryGetValue(key, out var builtValue), message.TryGetValue(key, out var value));
                Assert.Equal(builtValue, value);
                Assert.Equal(built.GetValues(key), message.GetValues(key));
            }

            Assert.Null(message[null!]);
            Assert.False(message.TryGetValue(null!, out _));
            Assert.Empty(message.GetValues(null!));
        }

        private static List<AmiMessage> Parse(string text) => Parse(new AmiFrameParser(), text);

        private static List<AmiMessage> Parse(AmiFrameParser parser, string text)
        {
            var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
            var messages = new List<AmiMessage>();
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            Assert.True(buffer.IsEmpty);
            return messages;
        }

        private static AmiMessage Reference(string text) =>
            new AmiMessage(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                return new AmiField(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim());
            }));

        private static string Render(IEnumerable<AmiField> fields) => string.Join("|", fields.Select(f => f.Key + "=" + f.Value));
    }
}
