using System;
using System.Collections.Generic;
using System.Threading;
using AmiPs.Events;

namespace AmiPs.Client
{
    /// <summary>
    /// Fans each event out to every subscriber and keeps a bounded history. Publishing, replaying history and
    /// subscribing happen under one lock, so a subscriber that starts from history sees every event once: each is
    /// either in the replayed snapshot or delivered live, never both, never neither.
    /// </summary>
    internal sealed class AmiEventHub
    {
        private readonly object _gate = new object();
        private readonly AmiEvent?[] _history;
        private readonly int _defaultCapacity;
        private AmiSubscription[] _subscribers = Array.Empty<AmiSubscription>();
        private int _historyStart;
        private int _historyCount;
        private long _dropped;
        private bool _completed;

        public AmiEventHub(int historySize, int defaultCapacity)
        {
            _history = new AmiEvent?[historySize];
            _defaultCapacity = defaultCapacity;
        }

        /// <summary>Events dropped by all subscribers together.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

        public int HistoryCount
        {
            get
            {
                lock (_gate)
                {
                    return _historyCount;
                }
            }
        }

        public void Publish(AmiEvent amiEvent)
        {
            lock (_gate)
            {
                if (_history.Length > 0)
                {
                    var slot = (_historyStart + _historyCount) % _history.Length;
                    _history[slot] = amiEvent;
                    if (_historyCount < _history.Length)
                    {
                        _historyCount++;
                    }
                    else
                    {
                        _historyStart = (_historyStart + 1) % _history.Length;
                    }
                }

                foreach (var subscriber in _subscribers)
                {
                    subscriber.Offer(amiEvent);
                }
            }
        }

        /// <summary>Subscribes; with <see cref="AmiSubscriptionOptions.Since"/> the matching history is queued first.</summary>
        public AmiSubscription Subscribe(AmiSubscriptionOptions options)
        {
            var capacity = options.Capacity ?? _defaultCapacity;
            var subscription = new AmiSubscription(options, Math.Max(1, capacity), Remove, () => Interlocked.Increment(ref _dropped));
            lock (_gate)
            {
                if (options.Since is { } since)
                {
                    for (var i = 0; i < _historyCount; i++)
                    {
                        var past = _history[(_historyStart + i) % _history.Length]!;
                        if (past.Received >= since)
                        {
                            subscription.Offer(past);
                        }
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

            return subscription;
        }

        /// <summary>The history at this moment, oldest first, optionally from a time on.</summary>
        public IReadOnlyList<AmiEvent> GetHistory(DateTimeOffset? since = null)
        {
            lock (_gate)
            {
                var result = new List<AmiEvent>(_historyCount);
                for (var i = 0; i < _historyCount; i++)
                {
                    var past = _history[(_historyStart + i) % _history.Length]!;
                    if (since is null || past.Received >= since)
                    {
                        result.Add(past);
                    }
                }

                return result;
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
