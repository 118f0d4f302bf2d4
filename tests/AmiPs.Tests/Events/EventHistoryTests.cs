using System;
using System.Linq;
using System.Text;
using AmiPs.Client;
using AmiPs.Events;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>The session's history, kept as bytes in one ring: what goes in comes back, oldest first, within its bounds.</summary>
    public sealed class EventHistoryTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(-5));

        [Fact]
        public void Events_come_back_as_sent_with_their_receive_time_and_offset()
        {
            var history = new AmiEventHistory(maxEvents: 10);
            history.Add(Raw("Newchannel", 1, "Channel: PJSIP/1001-00000001", "Uniqueid: 1764.1"), T0);
            history.Add(Raw("Hangup", 2, "Cause: 16", "Cause-txt: Normal Clearing"), T0.AddMilliseconds(1.5));

            var events = history.Read(null, (m, t) => AmiEventFactory.Create(m, t, "pbx"));

            Assert.Equal(new[] { "Newchannel", "Hangup" }, events.Select(e => e.Event));
            Assert.IsType<NewchannelEvent>(events[0]);
            Assert.Equal("PJSIP/1001-00000001", events[0]["Channel"]);
            Assert.Equal("Normal Clearing", events[1]["Cause-txt"]);
            Assert.Equal(T0, events[0].Received);
            Assert.Equal(TimeSpan.FromHours(-5), events[0].Received.Offset);
            Assert.Equal(T0.AddMilliseconds(1.5), events[1].Received);
            Assert.All(events, e => Assert.Equal("pbx", e.Session));
        }

        [Fact]
        public void The_count_bound_keeps_the_newest()
        {
            var history = new AmiEventHistory(maxEvents: 5);
            for (var i = 1; i <= 23; i++)
            {
                history.Add(Raw("UserEvent", i), T0.AddSeconds(i));
            }

            Assert.Equal(5, history.Count);
            Assert.Equal(new[] { 19, 20, 21, 22, 23 }, Numbers(history));
        }

        [Fact]
        public void Events_of_every_size_wrap_around_the_ring_and_stay_whole_and_in_order()
        {
            // 20 events of room at 512 bytes each; sizes from 60 bytes to 3 KB force wraps at every position.
            var history = new AmiEventHistory(maxEvents: 20);
            var random = new Random(7);
            var added = 0;
            for (var i = 1; i <= 2_000; i++)
            {
                var padding = new string('x', random.Next(0, 3_000));
                history.Add(Raw("UserEvent", i, "Pad: " + padding), T0.AddSeconds(i));
                added = i;
                var numbers = Numbers(history);
                Assert.NotEmpty(numbers);
                Assert.Equal(added, numbers[numbers.Length - 1]);
                Assert.Equal(Enumerable.Range(numbers[0], numbers.Length), numbers); // contiguous: only the oldest were evicted
                Assert.True(numbers.Length <= 20);
            }
        }

        [Fact]
        public void Large_events_keep_fewer_in_the_same_bytes_and_an_event_larger_than_all_of_it_is_not_kept()
        {
            var history = new AmiEventHistory(maxEvents: 4); // 2 KB of room; records of about 750 bytes
            history.Add(Raw("UserEvent", 1), T0);
            history.Add(Raw("UserEvent", 2, "Pad: " + new string('x', 700)), T0);
            history.Add(Raw("UserEvent", 3, "Pad: " + new string('x', 700)), T0);
            Assert.Equal(new[] { 1, 2, 3 }, Numbers(history));
            history.Add(Raw("UserEvent", 4, "Pad: " + new string('x', 700)), T0);
            Assert.Equal(new[] { 3, 4 }, Numbers(history)); // four would be within the count, not within the bytes

            history.Add(Raw("UserEvent", 5, "Pad: " + new string('x', 5_000)), T0);
            Assert.Equal(new[] { 3, 4 }, Numbers(history));
        }

        [Fact]
        public void The_history_starts_small_and_grows_to_its_bounds_keeping_every_event_whole_and_in_order()
        {
            var history = new AmiEventHistory(maxEvents: 10_000);
            Assert.True(history.AllocatedBytes < 100_000, $"a new history takes {history.AllocatedBytes} bytes");

            var random = new Random(11);
            for (var i = 1; i <= 30_000; i++)
            {
                history.Add(Raw("UserEvent", i, "Pad: " + new string('x', random.Next(0, 900))), T0.AddSeconds(i));
                if (i % 997 == 0 || i == 30_000)
                {
                    var numbers = Numbers(history);
                    Assert.Equal(i, numbers[numbers.Length - 1]);
                    Assert.Equal(Enumerable.Range(numbers[0], numbers.Length), numbers);
                }
            }

            Assert.InRange(history.Count, 5_000, 10_000); // about 470 bytes an event in 5 MB of room
            Assert.True(history.AllocatedBytes <= 10_000L * AmiEventHistory.BytesPerEvent + 4 * 10_000);
        }

        [Fact]
        public void Since_filters_by_receive_time()
        {
            var history = new AmiEventHistory(maxEvents: 100);
            for (var i = 1; i <= 10; i++)
            {
                history.Add(Raw("UserEvent", i), T0.AddSeconds(i));
            }

            Assert.Equal(new[] { 8, 9, 10 }, history.Read(T0.AddSeconds(8), (m, t) => AmiEventFactory.Create(m, t, null)).Select(e => int.Parse(e["N"]!)));
        }

        private static int[] Numbers(AmiEventHistory history) =>
            history.Read(null, (m, t) => AmiEventFactory.Create(m, t, null)).Select(e => int.Parse(e["N"]!)).ToArray();

        private static byte[] Raw(string name, int n, params string[] lines) =>
            Encoding.UTF8.GetBytes($"Event: {name}\r\nN: {n}\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "\r\n");
    }
}
