using Xunit;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// Test classes that touch process-wide state run in this one collection, one at a time, after the parallel tests.
    /// The module keeps sessions and simulators in process-wide stores (as PSSessions are), and <c>PsHost.Dispose</c>
    /// disconnects every session and stops every simulator in them, so a PowerShell-hosting class running beside
    /// another would cut the other's links mid-test; the leak test's counts (threads, sockets, timers) likewise
    /// belong to it alone.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class SerialCollection
    {
        public const string Name = "Serial: process-wide state";
    }
}
