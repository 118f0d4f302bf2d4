using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>
    /// One subscriber's queue: events queued by a read are delivered after one wake, a closed session ends the
    /// stream once the queue is read, a wait can be cancelled, and a concurrent reader loses nothing it had room for.
    /// </summary>
    public sealed class SubscriptionTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task A_waiting_reader_is_woken_once_per_batch_not_per_event()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            var waiting = subscription.WaitToReadAsync().AsTask();

            hub.Append(Numbered(1), ReadOnlySpan<byte>.Empty);
            hub.Append(Numbered(2), ReadOnlySpan<byte>.Empty);
            await Task.Delay(50);
            Assert.False(waiting.IsCompleted, "queued events wake nobody until the batch ends");
            Assert.Equal(2, subscription.Pending);

            hub.WakeSubscribers();
            Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.True(subscription.TryRead(out var first));
            Assert.True(subscription.TryRead(out var second));
            Assert.Equal(new[] { "1", "2" }, new[] { first["N"], second["N"] });
            Assert.False(subscription.TryRead(out _));
        }

        [Fact]
        public void A_large_capacity_is_taken_as_events_queue_up_and_keeps_their_order_and_the_newest()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 10);
            using var roomy = hub.Subscribe(new AmiSubscriptionOptions { Capacity = 50_000 });
            for (var i = 1; i <= 60_000; i++)
            {
                hub.Append(Numbered(i), ReadOnlySpan<byte>.Empty);
                if (i == 300)
                {
                    // Read some while the ring is still small, so it grows with its head away from the start.
                    for (var r = 0; r < 100; r++)
                    {
                        Assert.True(roomy.TryRead(out _));
                    }
                }
            }

            Assert.Equal(50_000, roomy.Pending);
            Assert.Equal(60_000 - 100 - 50_000, roomy.Dropped);
            var read = new System.Collections.Generic.List<int>();
            while (roomy.TryRead(out var e))
            {
                read.Add(int.Parse(e["N"]!));
            }

            Assert.Equal(Enumerable.Range(10_001, 50_000), read);
        }

        [Fact]
        public async Task A_closed_session_ends_the_stream_after_what_is_queued_is_read()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            hub.Publish(Numbered(1));
            hub.CompleteAll();

            Assert.False(subscription.Completion.IsCompleted, "one event still to read");
            Assert.True(await subscription.WaitToReadAsync());
            Assert.True(subscription.TryRead(out _));
            Assert.True(subscription.Completion.IsCompleted);
            Assert.False(await subscription.WaitToReadAsync());

            using var idle = new AmiEventHub(0, 10).Subscribe(new AmiSubscriptionOptions());
            var parked = idle.WaitToReadAsync().AsTask();
            idle.Dispose();
            Assert.False(await parked.WaitAsync(TimeSpan.FromSeconds(5)), "a parked reader learns that nothing more comes");
        }

        [Fact]
        public async Task A_wait_can_be_cancelled_and_the_subscription_still_works()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            using var cancel = new CancellationTokenSource();
            var waiting = subscription.WaitToReadAsync(cancel.Token).AsTask();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));

            hub.Publish(Numbered(1));
            Assert.True(await subscription.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.True(subscription.TryRead(out _));
        }

        [Fact]
        public async Task ReadAllAsync_yields_every_event_then_ends_with_the_session()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 1_000);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            var reading = Task.Run(async () =>
            {
                var n = 0;
                await foreach (var e in subscription.ReadAllAsync())
                {
                    Assert.Equal(++n, int.Parse(e["N"]!));
                }

                return n;
            });

            for (var i = 1; i <= 500; i++)
            {
                hub.Append(Numbered(i), ReadOnlySpan<byte>.Empty);
                if (i % 7 == 0)
                {
                    hub.WakeSubscribers();
                }
            }

            hub.WakeSubscribers();
            hub.CompleteAll();
            Assert.Equal(500, await reading.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public async Task Two_readers_on_one_subscription_share_the_events_and_lose_none()
        {
            const int Total = 200_000;
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: Total);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            var seen = new int[Total + 1];

            async Task<int> ReadAsync()
            {
                var count = 0;
                while (await subscription.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (subscription.TryRead(out var e))
                    {
                        Interlocked.Increment(ref seen[int.Parse(e["N"]!)]);
                        count++;
                    }
                }

                return count;
            }

            var readers = new[] { Task.Run(ReadAsync), Task.Run(ReadAsync) };
            for (var i = 1; i <= Total; i++)
            {
                hub.Append(Numbered(i), ReadOnlySpan<byte>.Empty);
                if (i % 64 == 0)
                {
                    hub.WakeSubscribers();
                }
            }

            hub.WakeSubscribers();
            hub.CompleteAll();
            var counts = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(Total, counts.Sum());
            Assert.All(seen.Skip(1), n => Assert.Equal(1, n));
            Assert.Equal(0, subscription.Dropped);
        }

        private static AmiEvent Numbered(int i) =>
            AmiEventFactory.Create(new AmiMessage(new[] { new AmiField("Event", "UserEvent"), new AmiField("N", i.ToString()) }), T0.AddSeconds(i), "hub");
    }
}
