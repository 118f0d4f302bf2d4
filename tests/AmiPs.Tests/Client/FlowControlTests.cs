using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Client
{
    /// <summary>
    /// Flow control over a real loopback socket: a full subscriber that keeps taking events makes the reader wait
    /// (TCP slows the server) instead of dropping; one that stops is counted as dropping, stays bounded, and holds the
    /// reader up for one grace only.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class FlowControlTests : ClientTestBase
    {
        private static readonly TimeSpan LongDeadline = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task A_consumer_slower_than_the_flood_but_keeping_pace_loses_no_event()
        {
            const int Count = 20_000;
            const int Capacity = 1_000;
            using var session = NewSession(o => o with { SubscriptionCapacity = Capacity, EventHistorySize = 0 });
            await session.ConnectAsync();
            using var subscription = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" } });

            // The consumer starts once its queue is full, so the reader is sure to meet a full queue, then reads slower
            // than the reader parses: without flow control most of the flood would be gone by then.
            var flood = Server.LastPeer!.SendRawAsync(Flood(1, Count));
            await Eventually.WaitUntilAsync(() => subscription.Pending == Capacity, TestDefaults.Deadline, "a full queue");
            var numbers = await ReadSlowlyAsync(subscription, Count);
            await flood;

            Assert.Equal(Enumerable.Range(1, Count), numbers);
            Assert.Equal(0, subscription.Dropped);
            Assert.Equal(0, session.EventsDropped);
            Assert.Equal(0, subscription.Stalls);
        }

        [Fact]
        public async Task A_stalled_consumer_stays_bounded_is_counted_as_dropping_and_holds_the_reader_up_once()
        {
            const int Count = 5_000;
            const int Capacity = 100;
            using var session = NewSession(o => o with { EventHistorySize = 0 });
            await session.ConnectAsync();
            using var stalled = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" }, Capacity = Capacity });
            using var reading = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" } });

            await Server.LastPeer!.SendRawAsync(Flood(1, Count));
            var numbers = await ReadSlowlyAsync(reading, Count);

            Assert.Equal(Enumerable.Range(1, Count), numbers);
            Assert.Equal(0, reading.Dropped);
            await Eventually.WaitUntilAsync(() => stalled.Dropped == Count - Capacity, TestDefaults.Deadline, "the stalled subscriber's drops");
            Assert.Equal(Capacity, stalled.Pending);
            Assert.Equal(Count - Capacity, session.EventsDropped);
            Assert.Equal(1, stalled.Stalls);
            Assert.Contains(session.Log.GetEntries(), e => e.EventName == nameof(AmiLogEvents.EventsDropped));

            // Once it takes a chunk again it is waited for again: the next flood presses the reader once more and it stalls again.
            var kept = new List<int>();
            while (stalled.TryRead(out var e))
            {
                kept.Add(int.Parse(e["N"]!));
            }

            Assert.Equal(Enumerable.Range(Count - Capacity + 1, Capacity), kept);
            await Server.LastPeer!.SendRawAsync(Flood(Count + 1, 2 * Capacity));
            await ReadSlowlyAsync(reading, 2 * Capacity);
            await Eventually.WaitUntilAsync(() => stalled.Stalls == 2, TestDefaults.Deadline, "a second stall after draining");
            Assert.Equal(Capacity, stalled.Pending);
        }

        [Fact]
        public async Task Keep_alive_is_not_fooled_by_a_slow_consumer_and_still_finds_a_dead_peer_behind_a_stalled_one()
        {
            const int Count = 100_000;
            using var session = NewSession(o => o with
            {
                SubscriptionCapacity = 1_000,
                EventHistorySize = 0,
                KeepAliveInterval = TimeSpan.FromMilliseconds(100),
                PingTimeout = TimeSpan.FromMilliseconds(500),
            });
            await session.ConnectAsync();
            using var slow = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" } });
            using var stalled = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" }, Capacity = 10 });

            // Pongs wait behind the flood in the socket; what arrives meanwhile shows the peer is alive.
            var flood = Server.LastPeer!.SendRawAsync(Flood(1, Count));
            var numbers = await ReadSlowlyAsync(slow, Count);
            await flood;

            Assert.Equal(Count, numbers.Count);
            Assert.Equal(0, slow.Dropped);
            Assert.Equal(0, session.ReconnectCount);
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.True(stalled.IsStalled);

            // A silent peer is still found dead while the stalled subscriber stays full.
            Server.IgnorePings = true;
            await Eventually.WaitUntilAsync(() => session.State != AmiSessionState.Connected, LongDeadline, "the dead peer found");
            Assert.Contains(session.Log.GetEntries(), e => e.EventName == nameof(AmiLogEvents.KeepAliveFailed));
        }

        [Fact]
        public async Task A_reader_held_by_flow_control_longer_than_the_ping_timeout_does_not_take_the_peer_for_dead()
        {
            // A queue of 40 is refilled 10 events at a time, about every 10 ms: one 64 KB read of this flood (about 900
            // events) takes the reader close to a second, while the pongs wait behind the flood in the socket.
            const int Count = 1_500;
            using var session = NewSession(o => o with
            {
                EventHistorySize = 0,
                KeepAliveInterval = TimeSpan.FromMilliseconds(50),
                PingTimeout = TimeSpan.FromMilliseconds(250),
            });
            await session.ConnectAsync();
            using var paced = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "UserEvent" }, Capacity = 40 });

            var flood = Server.LastPeer!.SendRawAsync(Flood(1, Count));
            var numbers = await ReadOnItsOwnThreadAsync(paced, Count, (subscription, read) =>
            {
                for (var i = 0; i < 10 && read.Count < Count && subscription.TryRead(out var e); i++)
                {
                    read.Add(int.Parse(e["N"]!));
                }

                Thread.Sleep(10);
            });
            await flood;

            Assert.Equal(0, session.ReconnectCount);
            Assert.DoesNotContain(session.Log.GetEntries(), e => e.EventName == nameof(AmiLogEvents.KeepAliveFailed));
            Assert.Equal(Enumerable.Range(1, Count), numbers);
        }

        // Reads count events slower than the reader parses them, on a thread of its own (a busy thread pool on two
        // cores must not make it look stalled): a few microseconds of work per event, far more than the pace flow
        // control asks for (a quarter of the capacity, at most 256 events, per 50 ms).
        private static Task<List<int>> ReadSlowlyAsync(AmiSubscription subscription, int count) => ReadOnItsOwnThreadAsync(subscription, count, (s, numbers) =>
        {
            while (numbers.Count < count && s.TryRead(out var e))
            {
                numbers.Add(int.Parse(e["N"]!));
                Thread.SpinWait(100);
            }
        });

        // The events' numbers, read by readSome each time events are waiting, on a thread of its own; a run past the
        // deadline says how far it got and whether the subscriber was marked stalled.
        private static Task<List<int>> ReadOnItsOwnThreadAsync(AmiSubscription subscription, int count, Action<AmiSubscription, List<int>> readSome) => Task.Factory.StartNew(
            () =>
            {
                var numbers = new List<int>(count);
                using var deadline = new CancellationTokenSource(LongDeadline);
                while (numbers.Count < count)
                {
                    bool more;
                    try
                    {
                        more = subscription.WaitToReadAsync(deadline.Token).AsTask().GetAwaiter().GetResult();
                    }
                    catch (OperationCanceledException)
                    {
                        throw new Xunit.Sdk.XunitException($"read {numbers.Count} of {count} in {LongDeadline}: dropped {subscription.Dropped}, stalled {subscription.IsStalled} ({subscription.Stalls} stalls)");
                    }

                    Assert.True(more, "the stream ended early");
                    readSome(subscription, numbers);
                }

                return numbers;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        private static byte[] Flood(int first, int count)
        {
            var text = new StringBuilder(count * 64);
            for (var i = first; i < first + count; i++)
            {
                text.Append("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: flood\r\nN: ").Append(i).Append("\r\n\r\n");
            }

            return Encoding.ASCII.GetBytes(text.ToString());
        }
    }
}
