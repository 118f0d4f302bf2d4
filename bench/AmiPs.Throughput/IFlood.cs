using System;
using System.Threading.Tasks;

namespace AmiPs.Throughput
{
    /// <summary>What the runs need from an AMI server with a flood mode (the bench's own, or the simulator's).</summary>
    public interface IFlood : IAsyncDisposable
    {
        string Description { get; }

        int Port { get; }

        string User { get; }

        string Secret { get; }

        double AverageEventBytes { get; }

        Task WaitForLoginsAsync(int count, TimeSpan timeout);

        /// <summary>Sends <paramref name="events"/> events to every logged-in session; completes when written.</summary>
        Task FloodAsync(long events);

        /// <summary>Makes the next flood of <paramref name="events"/> ahead of time; its Hangup count, or -1 where unsupported.</summary>
        Task<long> PrepareAsync(long events);

        /// <summary>A quiet stream of <paramref name="count"/> events stamped with their send time (see FloodServer).</summary>
        Task PaceAsync(int count, TimeSpan interval);
    }
}
