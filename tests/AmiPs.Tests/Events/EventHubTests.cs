using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>The event processor's fan-out: history, bounded subscriptions, drops, and the history-to-live hand-over.</summary>
    public sealed class EventHubTests : ClientTestBase
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task Since_replays_history_then_goes_live_with_no_gap_and_no_duplicate_while_events_keep_arriving()
        {
            const int Total = 20_000;
            for (var round = 0; round < 3; round++)
            {
                var hub = new AmiEventHub(historySize: Total, defaultCapacity: Total);
                using var started = new ManualResetEventSlim();
                var publisher = Task.Run(() =>
                {
                    for (var i = 1; i <= Total; i++)
                    {
                        hub.Publish(Numbered(i));
                        if (i == 500 * (round + 1))
                        {
                            started.Set();
                        }
                    }
                });

                started.Wait(TimeSpan.FromSeconds(10));
                using var subscription = hub.Subscribe(new AmiSubscriptionOptions { Since = T0 });
                var seen = new List<int>(Total);
                while (seen.Count < Total)
                {
                    Assert.True(await subscription.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)), "events keep coming");
                    while (subscription.TryRead(out var e))
                    {
                        seen.Add(int.Parse(e["N"]!));
                    }
                }

                await publisher;
                Assert.Equal(Enumerable.Range(1, Total), seen);
                Assert.Equal(0, subscription.Dropped);
                Assert.False(subscription.TryRead(out _));
            }
        }

        [Fact]
        public void Since_takes_only_history_from_that_time_on()
        {
            var hub = new AmiEventHub(historySize: 100, defaultCapacity: 100);
            for (var i = 1; i <= 10; i++)
            {
                hub.Publish(Numbered(i));
            }

            using var subscription = hub.Subscribe(new AmiSubscriptionOptions { Since = T0.AddSeconds(7) });
            hub.Publish(Numbered(11));

            Assert.Equal(new[] { 7, 8, 9, 10, 11 }, Drain(subscription));
            using var live = hub.Subscribe(new AmiSubscriptionOptions());
            Assert.Empty(Drain(live));
        }

        [Fact]
        public void A_full_subscription_drops_its_oldest_events_and_counts_them_without_slowing_the_publisher()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 1000);
            using var slow = hub.Subscribe(new AmiSubscriptionOptions { Capacity = 10 });
            using var roomy = hub.Subscribe(new AmiSubscriptionOptions());
            for (var i = 1; i <= 100; i++)
            {
                hub.Publish(Numbered(i));
            }

            Assert.Equal(90, slow.Dropped);
            Assert.Equal(90, hub.Dropped);
            Assert.Equal(Enumerable.Range(91, 10), Drain(slow));
            Assert.Equal(0, roomy.Dropped);
            Assert.Equal(100, Drain(roomy).Count);
        }

        [Fact]
        public void History_is_bounded_and_can_be_turned_off()
        {
            var hub = new AmiEventHub(historySize: 5, defaultCapacity: 10);
            var off = new AmiEventHub(historySize: 0, defaultCapacity: 10);
            for (var i = 1; i <= 12; i++)
            {
                hub.Publish(Numbered(i));
                off.Publish(Numbered(i));
            }

            Assert.Equal(new[] { 8, 9, 10, 11, 12 }, hub.GetHistory().Select(e => int.Parse(e["N"]!)));
            Assert.Equal(5, hub.HistoryCount);
            Assert.Empty(off.GetHistory());
            using var replay = off.Subscribe(new AmiSubscriptionOptions { Since = T0 });
            Assert.Empty(Drain(replay));
        }

        [Fact]
        public void Event_types_filter_by_name_ignoring_case_and_dispose_stops_delivery()
        {
            var hub = new AmiEventHub(historySize: 0, defaultCapacity: 10);
            var subscription = hub.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "hangup", "DialEnd" } });
            hub.Publish(EventTestData.Event("Event: Newchannel", "Channel: a"));
            hub.Publish(EventTestData.Event("Event: Hangup", "Channel: b"));
            hub.Publish(EventTestData.Event("Event: DialEnd", "Channel: c"));

            Assert.True(subscription.TryRead(out var first));
            Assert.True(subscription.TryRead(out var second));
            Assert.Equal(new[] { "Hangup", "DialEnd" }, new[] { first.Event, second.Event });
            Assert.Equal(1, hub.SubscriberCount);
            subscription.Dispose();
            Assert.Equal(0, hub.SubscriberCount);
            hub.Publish(EventTestData.Event("Event: Hangup", "Channel: d"));
            Assert.False(subscription.TryRead(out _));
            Assert.True(subscription.Completion.IsCompleted);
        }

        [Fact]
        public async Task A_session_counts_drops_in_its_status_and_every_event_names_the_session()
        {
            using var session = NewSession(o => o with { Name = "pbx-a", SubscriptionCapacity = 3 });
            await session.ConnectAsync();
            using var subscription = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" } });
            var peer = Server.LastPeer!;
            for (var i = 1; i <= 20; i++)
            {
                await peer.SendAsync(null, ("Event", "UserEvent"), ("Privilege", "user,all"), ("N", i.ToString()));
            }

            await Eventually.WaitUntilAsync(() => subscription.Dropped == 17, TimeSpan.FromSeconds(10), "17 drops");
            Assert.Equal(17, session.GetStatus().EventsDropped);
            Assert.Equal(17, session.EventsDropped);

            var kept = new List<AmiEvent>();
            while (subscription.TryRead(out var e))
            {
                kept.Add(e);
            }

            Assert.Equal(new[] { "18", "19", "20" }, kept.Select(e => e["N"]));
            Assert.All(kept, e => Assert.Equal("pbx-a", e.Session));
            Assert.Contains(session.GetEventHistory(), e => e.Event == "FullyBooted");

            // Logged rate-limited, with counts: the first drop at once, what gathered since at most every few seconds,
            // the rest when the subscriber goes; every drop is in one report, not one line each.
            subscription.Dispose();
            var reports = session.Log.GetEntries().Where(e => e.EventName == nameof(AmiLogEvents.EventsDropped)).ToList();
            Assert.StartsWith("A subscriber fell behind: 1 events dropped", reports[0].Message);
            Assert.InRange(reports.Count, 2, 16);
            Assert.Equal(17, reports.Sum(r => int.Parse(System.Text.RegularExpressions.Regex.Match(r.Message, @"behind: (\d+) events").Groups[1].Value)));
        }

        private static AmiEvent Numbered(int i) =>
            AmiEventFactory.Create(new AmiMessage(new[] { new AmiField("Event", "UserEvent"), new AmiField("N", i.ToString()) }), T0.AddSeconds(i), "hub");

        private static List<int> Drain(AmiSubscription subscription)
        {
            var result = new List<int>();
            while (subscription.TryRead(out var e))
            {
                result.Add(int.Parse(e["N"]!));
            }

            return result;
        }
    }
}
