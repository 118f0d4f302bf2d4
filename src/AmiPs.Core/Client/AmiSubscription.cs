using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AmiPs.Events;

namespace AmiPs.Client
{
    /// <summary>What a subscriber wants: which events, how many may wait, and whether to start from history.</summary>
    public sealed record AmiSubscriptionOptions
    {
        /// <summary>Event names to receive (case-insensitive); null or empty = all.</summary>
        public IReadOnlyCollection<string>? EventTypes { get; init; }

        /// <summary>Replay events from the session's history received at or after this time, then go on live.</summary>
        public DateTimeOffset? Since { get; init; }

        /// <summary>Events allowed to wait; null = the session's <c>SubscriptionCapacity</c>.</summary>
        public int? Capacity { get; init; }
    }

    /// <summary>
    /// One subscriber's bounded queue of events. The reader never waits for it: when the queue is full the oldest
    /// event is dropped and counted (<see cref="Dropped"/>), so a slow consumer costs memory up to its capacity and
    /// no more. Dispose to stop receiving.
    /// </summary>
    public sealed class AmiSubscription : IDisposable
    {
        private readonly Channel<AmiEvent> _channel;
        private readonly HashSet<string>? _names;
        private readonly Action<AmiSubscription> _onDispose;
        private long _dropped;
        private int _disposed;

        internal AmiSubscription(AmiSubscriptionOptions options, int capacity, Action<AmiSubscription> onDispose, Action onDrop)
        {
            _onDispose = onDispose;
            if (options.EventTypes is { Count: > 0 })
            {
                _names = new HashSet<string>(options.EventTypes, StringComparer.OrdinalIgnoreCase);
            }

            _channel = Channel.CreateBounded<AmiEvent>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true, SingleReader = false },
                _ =>
                {
                    Interlocked.Increment(ref _dropped);
                    onDrop();
                });
        }

        /// <summary>Events dropped because this subscriber fell behind.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Events waiting to be read.</summary>
        public int Pending => _channel.Reader.CanCount ? _channel.Reader.Count : 0;

        /// <summary>Completes when no more events will come (the session was closed or gave up).</summary>
        public Task Completion => _channel.Reader.Completion;

        public bool TryRead(out AmiEvent amiEvent) => _channel.Reader.TryRead(out amiEvent!);

        /// <summary>Waits until an event can be read (true) or no more will come (false).</summary>
        public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _channel.Reader.WaitToReadAsync(cancellationToken);

        public IAsyncEnumerable<AmiEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _onDispose(this);
                _channel.Writer.TryComplete();
            }
        }

        internal bool Wants(AmiEvent amiEvent) => _names is null || _names.Contains(amiEvent.Event);

        // Called under the hub's lock, from the reader thread only.
        internal void Offer(AmiEvent amiEvent)
        {
            if (Wants(amiEvent))
            {
                _channel.Writer.TryWrite(amiEvent);
            }
        }

        internal void Complete() => _channel.Writer.TryComplete();
    }
}
