using System.Threading;

namespace AmiPs.Simulator
{
    public sealed partial class AmiSimulator
    {
        private SimulatedQueues? _queues;

        /// <summary>The simulated app_queue: its queues, members and waiting callers (<see cref="AmiSimulatorOptions.Queues"/>).</summary>
        public SimulatedQueues Queues => LazyInitializer.EnsureInitialized(ref _queues, () => new SimulatedQueues(Options, Pbx))!;
    }
}
