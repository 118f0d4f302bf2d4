using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>
    /// Test classes that host the PowerShell engine and open sessions or simulators. The module keeps sessions and
    /// simulators in process-wide stores, and <c>PsHost.Dispose</c> disconnects every session and stops every simulator
    /// in them, so such a class running beside another one cuts the other's links mid-test. This collection runs alone.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class PowerShellEngineCollection
    {
        public const string Name = "PowerShell engine with module stores";
    }
}
