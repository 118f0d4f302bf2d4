using System;
using System.Collections.Generic;
using System.Threading;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
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
    /// One subscriber's bounded queue of events. When it is full the session's reader waits for the consumer (so
    /// TCP slows the sender down, as with any client that reads slowly) as long as the consumer keeps taking events:
    /// at least <c>ResumeRoom</c> of them within <see cref="FlowGrace"/>. A consumer that does not is stalled: its
    /// oldest events are then dropped and counted (<see cref="Dropped"/>) without the reader waiting again until it
    /// has taken a chunk (<c>ResumeRoom</c>) again, so a slow consumer costs memory up to its capacity and no more, and stalls
    /// the session for one grace at a time at most. Dispose to stop receiving.
    /// </summary>
    /// <remarks>
    /// A ring under a small lock rather than a <c>Channel</c>: the session queues a whole socket read's events and
    /// then wakes a waiting consumer once, where a channel wakes it at the first event of every read and the
    /// consumer, faster than the reader, parks and is woken again and again. Any number of threads may read.
    /// </remarks>
    public sealed class AmiSubscription : IDisposable
    {
        private readonly object _lock = new object();
        // Starts small and doubles up to the capacity: most subscriptions never hold more than a read's worth of events,
        // and a large -BufferSize must not cost its whole size up front.
        private const int InitialSlots = 256;

        /// <summary>
        /// The longest the reader waits for a full subscriber to make room before it counts it as stalled. Half of
        /// Asterisk's default <c>writetimeout</c> (100 ms), after which the server drops a client whose socket stays
        /// full: waiting no longer than this per stretch keeps the session connected however the consumers behave.
        /// </summary>
        internal static readonly TimeSpan FlowGrace = TimeSpan.FromMilliseconds(50);

        // The room a waiting reader needs before it goes on: more than one socket read's events (64 KiB of ~400-byte
        // events), so a consumer that keeps this pace lets the reader empty its buffer and read the socket again
        // within the grace, and the reader is woken once per chunk rather than once per event.
        private const int MaxResumeRoom = 256;

        // Drops are reported (logged by the session as EventsDropped) at most this often, with the count since the last.
        private const int DropReportIntervalMs = 5000;

        private readonly int _capacity;
        private readonly int _resumeRoom;
        private readonly int _rearmAfter;
        private AmiEvent?[] _ring;
        private readonly HashSet<string>? _names;
        private readonly Action<AmiSubscription> _onDispose;
        private readonly Action _onDrop;
        private readonly Action<long> _reportDrops;
        private readonly TaskCompletionSource<bool> _completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Waits without a token share one completion; a wait with a token has its own, one per token (a loop that asks
        // again and again with the same token, abandoning each wait, reuses it), removed when the wait ends.
        private TaskCompletionSource<bool>? _waiter;
        private List<TokenWaiter>? _tokenWaiters;
        private int _waiting;
        private int _head;
        private int _count;
        private bool _writerDone;
        private long _dropped;
        private long _unreportedDrops;
        private int _lastDropReport;
        private bool _dropReported;
        private int _disposed;
        // Set when the consumer made too little progress within a grace; cleared once it has taken _rearmAfter events
        // since (a chunk: it is alive again). Counted in events taken, as the reader keeps refilling a stalled queue.
        private volatile bool _stalled;
        private int _takenSinceStall;
        // The reader's wait for room, released by TryRead once _resumeRoom slots are free (or by Complete).
        private TaskCompletionSource<bool>? _roomWaiter;
        private int _stalls;

        // onDrop: for every dropped event; reportDrops: the drops since the last report, at the first drop, then at
        // most once every DropReportIntervalMs, and at dispose.
        internal AmiSubscription(AmiSubscriptionOptions options, int capacity, Action<AmiSubscription> onDispose, Action onDrop, Action<long> reportDrops)
        {
            _onDispose = onDispose;
            _onDrop = onDrop;
            _reportDrops = reportDrops;
            _capacity = capacity;
            _resumeRoom = Math.Max(1, Math.Min(MaxResumeRoom, capacity / 4));
            _rearmAfter = _resumeRoom;
            _ring = new AmiEvent?[Math.Min(capacity, InitialSlots)];
            if (options.EventTypes is { Count: > 0 })
            {
                _names = new HashSet<string>(options.EventTypes, StringComparer.OrdinalIgnoreCase);
            }
        }

        /// <summary>Events dropped because this subscriber fell behind.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Events waiting to be read.</summary>
        public int Pending => Volatile.Read(ref _count);

        /// <summary>Completes when no more events will come (the session was closed or gave up) and every queued one was read.</summary>
        public Task Completion => _completion.Task;

        public bool TryRead([NotNullWhen(true)] out AmiEvent? amiEvent)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    amiEvent = null;
                    return false;
                }

                amiEvent = _ring[_head]!;
                _ring[_head] = null;
                _head = _head + 1 == _ring.Length ? 0 : _head + 1;
                _count--;
                if (_count == 0 && _writerDone)
                {
                    _completion.TrySetResult(true);
                }

                if (_roomWaiter is not null && _capacity - _count >= _resumeRoom)
                {
                    _roomWaiter.TrySetResult(true); // runs the reader's continuation elsewhere, not under this lock
                    _roomWaiter = null;
                }
                else if (_stalled && ++_takenSinceStall >= _rearmAfter)
                {
                    _stalled = false; // alive again: the reader waits for it next time it is full
                }

                return true;
            }
        }

        /// <summary>
        /// Waits until an event can be read (true) or no more will come (false). Calling it again with the same token
        /// while a wait is pending returns that wait, so polling on a quiet subscription holds one waiter, not one per call.
        /// </summary>
        public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                if (_count > 0)
                {
                    return new ValueTask<bool>(true);
                }

                if (_writerDone)
                {
                    return new ValueTask<bool>(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!cancellationToken.CanBeCanceled)
                {
                    if (_waiter is null)
                    {
                        _waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _waiting++;
                    }

                    return new ValueTask<bool>(_waiter.Task);
                }

                _tokenWaiters ??= new List<TokenWaiter>(1);
                foreach (var pending in _tokenWaiters)
                {
                    if (pending.Token == cancellationToken)
                    {
                        return new ValueTask<bool>(pending.Wait);
                    }
                }

                var waiter = new TokenWaiter(cancellationToken);
                _tokenWaiters.Add(waiter);
                _waiting++;
                waiter.Wait = WaitForTokenAsync(waiter);
                return new ValueTask<bool>(waiter.Wait);
            }
        }

        /// <summary>Waits pending on this subscription (each holds one registration on its token): for tests.</summary>
        internal int WaiterCount
        {
            get
            {
                lock (_lock)
                {
                    return _waiting;
                }
            }
        }

        public async IAsyncEnumerable<AmiEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            while (await WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (TryRead(out var amiEvent))
                {
                    yield return amiEvent;
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _onDispose(this);
                Complete();
                long unreported;
                lock (_lock)
                {
                    unreported = _unreportedDrops;
                    _unreportedDrops = 0;
                }

                if (unreported > 0)
                {
                    _reportDrops(unreported);
                }
            }
        }

        internal bool Wants(AmiEvent amiEvent) => _names is null || _names.Contains(amiEvent.Event);

        /// <summary>Whether the reader should wait for this subscriber before it queues more: full and not stalled.</summary>
        internal bool NeedsRoom => Volatile.Read(ref _count) >= _capacity && !_stalled;

        /// <summary>How often the reader waited a whole grace for this subscriber and gave up (for tests and the benchmarks).</summary>
        internal int Stalls => Volatile.Read(ref _stalls);

        /// <summary>Whether the last wait for room timed out and the oldest events are being dropped (until it has taken a chunk again).</summary>
        internal bool IsStalled => _stalled;

        /// <summary>
        /// For the reader: completes when the consumer has made room to go on (or the subscription ended). Pair with
        /// <see cref="MarkStalled"/> when it has not within <see cref="FlowGrace"/>.
        /// </summary>
        internal Task WaitForRoom()
        {
            lock (_lock)
            {
                if (_writerDone || _stalled || _capacity - _count >= _resumeRoom)
                {
                    return Task.CompletedTask;
                }

                _roomWaiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _roomWaiter.Task;
            }
        }

        /// <summary>The consumer made too little room within the grace: drop its oldest from now on, until it has taken a chunk again.</summary>
        internal void MarkStalled()
        {
            lock (_lock)
            {
                if (_roomWaiter is null)
                {
                    return; // room came as the grace ended
                }

                _roomWaiter.TrySetResult(false);
                _roomWaiter = null;
                _stalled = true;
                _takenSinceStall = 0;
                _stalls++;
            }
        }

        /// <summary>Queues an event without waking the consumer (see <see cref="Wake"/>). From the hub only, under its lock.</summary>
        internal void Offer(AmiEvent amiEvent)
        {
            if (!Wants(amiEvent))
            {
                return;
            }

            var dropped = false;
            var report = 0L;
            lock (_lock)
            {
                if (_writerDone)
                {
                    return;
                }

                if (_count == _ring.Length && _ring.Length < _capacity)
                {
                    Grow();
                }

                var length = _ring.Length;
                if (_count == length)
                {
                    // Full and the reader did not wait (a stalled consumer, or history replayed at Subscribe): the oldest
                    // goes, so what is read is as recent as possible; counted here and by the session.
                    _ring[_head] = null;
                    _head = _head + 1 == length ? 0 : _head + 1;
                    _count--;
                    Interlocked.Increment(ref _dropped);
                    dropped = true;
                    report = CountDrop();
                }

                var tail = _head + _count;
                _ring[tail >= length ? tail - length : tail] = amiEvent;
                _count++;
            }

            if (dropped)
            {
                _onDrop();
                if (report > 0)
                {
                    _reportDrops(report);
                }
            }
        }

        /// <summary>Wakes a consumer that waits, if events are queued.</summary>
        internal void Wake()
        {
            if (Volatile.Read(ref _waiting) == 0)
            {
                return;
            }

            TaskCompletionSource<bool>? waiter;
            TokenWaiter[]? tokenWaiters;
            lock (_lock)
            {
                if (_count == 0)
                {
                    return;
                }

                TakeWaiters(out waiter, out tokenWaiters);
            }

            Release(waiter, tokenWaiters, true);
        }

        /// <summary>No more events will be queued; a waiting consumer learns it at once.</summary>
        internal void Complete()
        {
            TaskCompletionSource<bool>? waiter;
            TokenWaiter[]? tokenWaiters;
            bool any;
            lock (_lock)
            {
                _writerDone = true;
                TakeWaiters(out waiter, out tokenWaiters);
                any = _count > 0;
                _roomWaiter?.TrySetResult(true);
                _roomWaiter = null;
            }

            Release(waiter, tokenWaiters, any);
            if (!any)
            {
                _completion.TrySetResult(true);
            }
        }

        private static void Release(TaskCompletionSource<bool>? waiter, TokenWaiter[]? tokenWaiters, bool result)
        {
            waiter?.TrySetResult(result);
            if (tokenWaiters is not null)
            {
                foreach (var tokenWaiter in tokenWaiters)
                {
                    tokenWaiter.Ready.TrySetResult(result);
                }
            }
        }

        // Under _lock.
        private void TakeWaiters(out TaskCompletionSource<bool>? waiter, out TokenWaiter[]? tokenWaiters)
        {
            waiter = _waiter;
            _waiter = null;
            tokenWaiters = _tokenWaiters is { Count: > 0 } list ? list.ToArray() : null;
            _tokenWaiters?.Clear();
            _waiting = 0;
        }

        private async Task<bool> WaitForTokenAsync(TokenWaiter waiter)
        {
            try
            {
                return await AmiTasks.WaitOrCancelAsync(waiter.Ready.Task, waiter.Token).ConfigureAwait(false);
            }
            finally
            {
                lock (_lock)
                {
                    if (_tokenWaiters is not null && _tokenWaiters.Remove(waiter))
                    {
                        _waiting--;
                    }
                }
            }
        }

        // Under _lock: the drops to report now (the first at once, then what gathered, every DropReportIntervalMs at most).
        private long CountDrop()
        {
            _unreportedDrops++;
            var now = Environment.TickCount;
            if (_dropReported && unchecked(now - _lastDropReport) < DropReportIntervalMs)
            {
                return 0;
            }

            _dropReported = true;
            _lastDropReport = now;
            var report = _unreportedDrops;
            _unreportedDrops = 0;
            return report;
        }

        private void Grow()
        {
            var ring = new AmiEvent?[(int)Math.Min(_capacity, (long)_ring.Length * 2)];
            for (var i = 0; i < _count; i++)
            {
                ring[i] = _ring[(_head + i) % _ring.Length];
            }

            _ring = ring;
            _head = 0;
        }

        /// <summary>One wait with a cancellable token: its own completion, released by an event or by the token.</summary>
        private sealed class TokenWaiter
        {
            public TokenWaiter(CancellationToken token) => Token = token;

            public CancellationToken Token { get; }

            public TaskCompletionSource<bool> Ready { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task<bool> Wait { get; set; } = null!;
        }
    }
}
