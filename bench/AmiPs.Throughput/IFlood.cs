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
    }
}
