using System;

namespace AmiPs.Client
{
    /// <summary>
    /// The delay before reconnect attempt n: <c>ReconnectDelay * 2^(n-1)</c>, capped, then spread by ±20 % jitter
    /// (never above the cap) so that many clients cut off together do not come back together.
    /// </summary>
    internal sealed class ReconnectBackoff
    {
        public const double Jitter = 0.2;

        private readonly TimeSpan _initial;
        private readonly TimeSpan _cap;
        private readonly Random _random;

        public ReconnectBackoff(TimeSpan initial, TimeSpan cap, Random? random = null)
        {
            _initial = initial;
            _cap = cap;
            _random = random ?? new Random();
        }

        /// <summary>The delay before doubling and jitter, for attempt 1, 2, ...</summary>
        public TimeSpan BaseDelay(int attempt)
        {
            var exponent = Math.Min(Math.Max(attempt, 1) - 1, 30);
            var ms = Math.Min(_initial.TotalMilliseconds * Math.Pow(2, exponent), _cap.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(ms);
        }

        public TimeSpan Delay(int attempt)
        {
            double factor;
            lock (_random)
            {
                factor = 1 + ((_random.NextDouble() * 2) - 1) * Jitter;
            }

            var ms = Math.Min(BaseDelay(attempt).TotalMilliseconds * factor, _cap.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(Math.Max(ms, 1));
        }
    }
}
