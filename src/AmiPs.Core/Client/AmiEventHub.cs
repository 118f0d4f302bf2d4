using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Client
{
    /// <summary>
    /// Fans each event out to every subscriber and keeps a bounded history. Publishing, replaying history and
    /// subscribing happen under one lock, so a subscriber that starts from history sees every event once: each is
    /// either in the replayed snapshot or delivered live, never both, never neither.
    /// </summary>
    /// <remarks>
    /// The read loop publishes a whole socket read's events with <see cref="Append"/> and then wakes the subscribers
    /// once (<see cref="WakeSubscribers"/>): a consumer that keeps up is woken per read, not per event, which is what
    /// a flood of small events would otherwise spend its time on.
    /// </remarks>
    internal sealed class AmiEventHub
    {
        // Waits that may follow the first for time the consumer could not use (see WaitForRoomAsync).
        private const int MaxLostGraces = 3;

        // Less owed than this is not worth another wait.
        private static readonly TimeSpan MinimumOwed = TimeSpan.FromMilliseconds(1);

        private readonly object _gate = new object();
        private readonly AmiEventHistory? _history;
        private readonly Func<AmiMessage, DateTimeOffset, AmiEvent> _fromHistory;
        private readonly int _defaultCapacity;
        private readonly Action<long>? _dropsReported;
        private readonly Func<TimeSpan> _gcPauses;
        private AmiSubscription[] _subscribers = Array.Empty<AmiSubscription>();
        private long _dropped;
        private bool _completed;

        // fromHistory makes an event again from a kept message and its receive time: history keeps bytes, not objects.
        // dropsReported hears, at most every few seconds per subscriber, how many events it dropped since the last time.
        // gcPauses reads the process's total garbage-collection pause time (GcPauses.Total; tests pass their own).
        public AmiEventHub(int historySize, int defaultCapacity, Func<AmiMessage, DateTimeOffset, AmiEvent>? fromHistory = null, Action<long>? dropsReported = null,
            Func<TimeSpan>? gcPauses = null)
        {
            _gcPauses = gcPauses ?? (() => GcPauses.Total);
            _dropsReported = dropsReported;
            _history = historySize > 0 ? new AmiEventHistory(historySize) : null;
            _fromHistory = fromHistory ?? ((message, received) => AmiEventFactory.Create(message, received, null));
            _defaultCapacity = defaultCapacity;
        }

        /// <summary>Events dropped by all subscribers together.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

        /// <summary>Whether events are kept (and so whether <see cref="Append"/> wants each message's bytes).</summary>
        public bool KeepsHistory => _history is not null;

        public int HistoryCount
        {
            get
            {
                lock (_gate)
                {
                    return _history?.Count ?? 0;
                }
            }
        }

        /// <summary>
        /// Keeps the event in history and queues it for every subscriber that wants it, without waking them: call
        /// <see cref="WakeSubscribers"/> after a batch. <paramref name="raw"/> is the message as received (the parser
        /// keeps it when <see cref="KeepsHistory"/>); history keeps those bytes.
        /// </summary>
        public void Append(AmiEvent amiEvent, ReadOnlySpan<byte> raw)
        {
            System.Diagnostics.Debug.Assert(_history is null || !raw.IsEmpty, "history needs the message's bytes");
            lock (_gate)
            {
                _history?.Add(raw, amiEvent.Received);
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Offer(amiEvent);
                }
            }
        }

        /// <summary>Wakes every subscriber that waits while events are queued for it.</summary>
        public void WakeSubscribers()
        {
            foreach (var subscriber in Volatile.Read(ref _subscribers))
            {
                subscriber.Wake();
            }
        }

        /// <summary>Whether a subscriber is full and still keeping pace: the reader should <see cref="WaitForRoomAsync"/> before the next event.</summary>
        public bool MustWait
        {
            get
            {
                foreach (var subscriber in Volatile.Read(ref _subscribers))
                {
                    if (subscriber.NeedsRoom)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// Flow control, on the read loop: wakes the subscribers, then waits for each full one to make room, each at
        /// most <see cref="AmiSubscription.FlowGrace"/>; one that does not is marked stalled and drops from then on
        /// (the reader does not wait for it again until it has taken a chunk of events again). Meanwhile the socket is not read,
        /// so TCP slows the sender. Ends early when <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        public async Task WaitForRoomAsync(CancellationToken cancellationToken)
        {
            WakeSubscribers();
            foreach (var subscriber in Volatile.Read(ref _subscribers))
            {
                if (!subscriber.NeedsRoom)
                {
                    continue;
                }

                var room = subscriber.WaitForRoom();
                if (room.IsCompleted)
                {
                    continue;
                }

                // The consumer is owed a grace of time it could run. Time the garbage collector held the whole process
                // still is owed again (only that much: a flood collects every few milliseconds, and a whole grace again
                // for each would hold the reader for several), and a timer that fired a grace late or more (the OS
                // froze the process) owes the whole grace again. A few of those at most, so the wait stays bounded.
                var owed = AmiSubscription.FlowGrace;
                for (var attempt = 0; ; attempt++)
                {
                    var clock = Stopwatch.StartNew();
                    var pausedBefore = _gcPauses();
                    if (await AmiTasks.WaitAsync(room, owed, cancellationToken).ConfigureAwait(false) || cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }

                    var waited = clock.Elapsed;
                    owed = waited - owed >= AmiSubscription.FlowGrace
                        ? AmiSubscription.FlowGrace
                        : owed - (waited - (_gcPauses() - pausedBefore));
                    if (attempt >= MaxLostGraces || owed < MinimumOwed)
                    {
                        subscriber.MarkStalled();
                        break;
                    }
                }
            }
        }

        /// <summary>Subscribes; with <see cref="AmiSubscriptionOptions.Since"/> the matching history is queued first.</summary>
        public AmiSubscription Subscribe(AmiSubscriptionOptions options)
        {
            var capacity = options.Capacity ?? _defaultCapacity;
            var subscription = new AmiSubscription(options, Math.Max(1, capacity), Remove, () => Interlocked.Increment(ref _dropped), ReportDrops);
            lock (_gate)
            {
                if (options.Since is { } since && _history is not null)
                {
                    foreach (var past in _history.Read(since, _fromHistory))
                    {
                        subscription.Offer(past);
                    }
                }

                if (_completed)
                {
                    subscription.Complete();
                    return subscription;
                }

                var updated = new AmiSubscription[_subscribers.Length + 1];
                _subscribers.CopyTo(updated, 0);
                updated[updated.Length - 1] = subscription;
                _subscribers = updated;
            }

            subscription.Wake();
            return subscription;
        }

        /// <summary>The history at this moment, oldest first, optionally from a time on; new objects each call.</summary>
        public IReadOnlyList<AmiEvent> GetHistory(DateTimeOffset? since = null)
        {
            lock (_gate)
            {
                return _history is null ? new List<AmiEvent>() : _history.Read(since, _fromHistory);
            }
        }
        /// <summary>Ends every subscription: the session will publish nothing more.</summary>
        public void CompleteAll()
        {
            lock (_gate)
            {
                _completed = true;
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Complete();
                }
            }
        }

        private void ReportDrops(long count) => _dropsReported?.Invoke(count);

        private void Remove(AmiSubscription subscription)
        {
            lock (_gate)
            {
                var index = Array.IndexOf(_subscribers, subscription);
                if (index < 0)
                {
                    return;
                }

                var updated = new AmiSubscription[_subscribers.Length - 1];
                Array.Copy(_subscribers, 0, updated, 0, index);
                Array.Copy(_subscribers, index + 1, updated, index, _subscribers.Length - index - 1);
                _subscribers = updated;
            }
        }
    }
}
