using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>
    /// A quiet subscription polled for an hour: 14,400 waits of 250 ms (how a cmdlet watches Ctrl+C) must leave a
    /// constant number of waiters, each holding one registration on its token, whether each wait is cancelled or
    /// abandoned and asked again with the same token.
    /// </summary>
    public sealed class SubscriptionWaiterTests
    {
        private const int OneHourOfSlices = 14_400;

        [Fact]
        public async Task An_hour_of_timed_out_waits_on_a_quiet_subscription_leaves_no_waiter_behind()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            using var stop = new CancellationTokenSource();
            var most = 0;
            for (var i = 0; i < OneHourOfSlices; i++)
            {
                // As a slice of a wait does: a timeout linked to the cmdlet's stop token, which then fires.
                using var slice = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var wait = subscription.WaitToReadAsync(slice.Token).AsTask();
                most = Math.Max(most, subscription.WaiterCount);
                slice.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            }

            Assert.Equal(1, most);
            Assert.Equal(0, subscription.WaiterCount);
            var next = subscription.WaitToReadAsync(stop.Token).AsTask();
            hub.Append(EventTestData.Event("Event: UserEvent"), ReadOnlySpan<byte>.Empty);
            hub.WakeSubscribers();
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, subscription.WaiterCount);
        }

        [Fact]
        public async Task An_hour_of_abandoned_waits_with_the_same_token_holds_one_waiter_and_one_event_ends_them_all()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            using var stop = new CancellationTokenSource();
            var waits = new Task<bool>[OneHourOfSlices];
            for (var i = 0; i < waits.Length; i++)
            {
                // As a pipeline-thread loop does: ask, look for 250 ms (here: not at all), give up, ask again.
                waits[i] = subscription.WaitToReadAsync(stop.Token).AsTask();
                Assert.False(waits[i].IsCompleted);
            }

            Assert.Equal(1, subscription.WaiterCount);
            hub.Append(EventTestData.Event("Event: UserEvent"), ReadOnlySpan<byte>.Empty);
            hub.WakeSubscribers();
            Assert.All(await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10)), Assert.True);
            Assert.Equal(0, subscription.WaiterCount);
        }

        [Fact]
        public async Task Waits_with_different_tokens_are_each_woken_and_each_cancelled_alone()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 100);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            using var first = new CancellationTokenSource();
            using var second = new CancellationTokenSource();
            var cancelled = subscription.WaitToReadAsync(first.Token).AsTask();
            var woken = subscription.WaitToReadAsync(second.Token).AsTask();
            var untimed = subscription.WaitToReadAsync().AsTask();
            Assert.Equal(3, subscription.WaiterCount);

            first.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.Equal(2, subscription.WaiterCount);
            hub.Append(EventTestData.Event("Event: UserEvent"), ReadOnlySpan<byte>.Empty);
            hub.WakeSubscribers();
            Assert.True(await woken.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(await untimed.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, subscription.WaiterCount);
        }
    }
}
