using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>Waits on conditions with deadlines, never on fixed sleeps.</summary>
    public static class Eventually
    {
        public static async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
                }

                await Task.Delay(10).ConfigureAwait(false);
            }

            return watch.Elapsed;
        }

        public static TimeSpan WaitUntil(Func<bool> condition, TimeSpan timeout, string what) =>
            WaitUntilAsync(condition, timeout, what).GetAwaiter().GetResult();
    }
}
