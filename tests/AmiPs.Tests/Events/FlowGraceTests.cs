using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>
    /// The reader's grace for a full subscriber counts only time the consumer could run: a grace the garbage collector
    /// held the process still through is taken again (a fresh pwsh collects often while its pipeline warms up), and a
    /// consumer that really does not read is still marked stalled, its wait bounded.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class FlowGraceTests
    {
        private const int Capacity = 8;

        [Fact]
        public async Task A_grace_the_garbage_collector_took_is_taken_again_and_a_consumer_that_reads_after_it_is_not_stalled()
        {
            // Reported as if the collector had held the process still the whole time since the hub was made.
            var clock = Stopwatch.StartNew();
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: Capacity, gcPauses: () => clock.Elapsed);
            using var subscription = Fill(hub);

            // Reads its chunk after one and a half graces: late for one grace, in time once the lost time is owed
            // back (up to four graces in all here, as the whole time is reported paused).
            var reader = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromTicks(AmiSubscription.FlowGrace.Ticks * 3 / 2)).ConfigureAwait(false);
                while (subscription.TryRead(out _))
                {
                }
            });

            await hub.WaitForRoomAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await reader.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, subscription.Stalls);
            Assert.False(subscription.IsStalled);
            Assert.Equal(0, subscription.Dropped);
        }

        [Fact]
        public async Task A_consumer_that_never_reads_is_stalled_even_while_the_collector_keeps_pausing_and_the_wait_stays_bounded()
        {
            var clock = Stopwatch.StartNew();
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: Capacity, gcPauses: () => clock.Elapsed);
            using var subscription = Fill(hub);

            var waited = Stopwatch.StartNew();
            await hub.WaitForRoomAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, subscription.Stalls);
            Assert.True(subscription.IsStalled);
            // Four graces at most (the first and three taken again), with room for a slow timer.
            Assert.InRange(waited.Elapsed, AmiSubscription.FlowGrace, TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task A_short_pause_is_owed_back_only_for_its_length_so_a_consumer_that_does_not_read_in_time_is_still_stalled()
        {
            // A flood collects every few milliseconds: each wait sees a 1 ms pause. Owing a whole grace again for each
            // would hold the reader for four graces (200 ms) before the consumer below reads at 150 ms.
            var pauses = 0L;
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: Capacity, gcPauses: () => TimeSpan.FromMilliseconds(Interlocked.Increment(ref pauses) / 2));
            using var subscription = Fill(hub);
            var reader = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150)).ConfigureAwait(false);
                while (subscription.TryRead(out _))
                {
                }
            });

            await hub.WaitForRoomAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            var stalledBeforeTheRead = subscription.IsStalled;
            await reader.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(stalledBeforeTheRead);
            Assert.Equal(1, subscription.Stalls);
        }

        [Fact]
        public async Task Without_a_pause_a_consumer_that_does_not_read_within_the_grace_is_stalled()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: Capacity, gcPauses: () => TimeSpan.Zero);
            using var subscription = Fill(hub);

            await hub.WaitForRoomAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, subscription.Stalls);
            hub.Append(EventTestData.Event("Event: UserEvent"), ReadOnlySpan<byte>.Empty);
            Assert.Equal(1, subscription.Dropped);
        }

        private static AmiSubscription Fill(AmiEventHub hub)
        {
            var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            for (var i = 0; i < Capacity; i++)
            {
                hub.Append(EventTestData.Event("Event: UserEvent"), ReadOnlySpan<byte>.Empty);
            }

            Assert.True(hub.MustWait);
            return subscription;
        }
    }
}
