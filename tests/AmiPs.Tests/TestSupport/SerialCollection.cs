using Xunit;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// Test classes that touch process-wide state run in this one collection, one at a time, after the parallel tests:
    /// the leak test's counts (threads, sockets, timers), environment variables, assembly loading, the example
    /// scripts, and flow control's graces (50 ms of a consumer's time, which the parallel tests' load on two cores would
    /// take from it). Sessions and simulators belong to the runspace that made them, so <c>PsHost.Dispose</c> closes only
    /// its own and engine-hosting tests run in parallel.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class SerialCollection
    {
        public const string Name = "Serial: process-wide state";
    }
}
