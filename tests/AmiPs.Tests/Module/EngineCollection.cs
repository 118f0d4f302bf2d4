using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// The module's sessions and simulators are process-wide (as PSSessions are), and PsHost.Dispose closes every one
    /// of them. These tests therefore run one at a time, after the parallel ones, so they cannot close another
    /// test's session or simulator, nor see it as the default.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class EngineCollection
    {
        public const string Name = "AmiPs engine, one at a time";
    }
}
