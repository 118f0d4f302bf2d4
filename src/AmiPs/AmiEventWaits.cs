using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// One pending wait per subscription, reused until it completes (an event came, or the stream ended), so a quiet
    /// hour of 250 ms slices holds one waiter per subscription instead of piling up a new one, registered on a token,
    /// every slice. Ctrl+C is watched by the cmdlet's slice wait, not through the subscription.
    /// </summary>
    public sealed class AmiEventWaits
    {
        private readonly IReadOnlyList<AmiSubscription> _subscriptions;
        private readonly Task<bool>?[] _waits;

        public AmiEventWaits(IReadOnlyList<AmiSubscription> subscriptions)
        {
            _subscriptions = subscriptions;
            _waits = new Task<bool>?[subscriptions.Count];
        }

        /// <summary>How many waits were started on the subscriptions: one each while they stay quiet.</summary>
        public int WaitsStarted { get; private set; }

        /// <summary>True when every subscription's stream has ended (its session closed) and all was read.</summary>
        public bool AllClosed => _subscriptions.All(s => s.Completion.IsCompleted);

        /// <summary>The waits of the subscriptions still open (a closed stream's wait would return at once, every time).</summary>
        public IReadOnlyList<Task> Pending()
        {
            var pending = new List<Task>(_waits.Length);
            for (var i = 0; i < _waits.Length; i++)
            {
                if (_subscriptions[i].Completion.IsCompleted)
                {
                    continue;
                }

                if (_waits[i] is not { IsCompleted: false })
                {
                    _waits[i] = _subscriptions[i].WaitToReadAsync().AsTask();
                    WaitsStarted++;
                }

                pending.Add(_waits[i]!);
            }

            return pending;
        }
    }
}
