using System.Collections.Generic;
using System.Management.Automation;
using AmiPs.Simulator;

namespace AmiPs.Commands
{
    /// <summary>
    /// What Start-AmiSimulator returns: where to connect and how (<see cref="ComputerName"/>, <see cref="Port"/> and
    /// <see cref="Credential"/> bind to Connect-Ami by property name). The secret is reachable only through the credential.
    /// </summary>
    public sealed class AmiSimulatorInfo
    {
        internal AmiSimulatorInfo(string name, AmiSimulator simulator, PSCredential credential)
        {
            Name = name;
            Simulator = simulator;
            Credential = credential;
        }

        public string Name { get; }

        public string ComputerName => Simulator.EndPoint.Address.ToString();

        public int Port => Simulator.Port;

        public PSCredential Credential { get; }

        public string UserName => Credential.UserName;

        public int ConnectionCount => Simulator.ConnectionCount;

        public int ActiveCalls => Simulator.Pbx.ActiveCalls;

        public long EventsSent => Simulator.EventsSent;

        /// <summary>The server itself: PBX, faults, traffic and flood for scripts that need more.</summary>
        public AmiSimulator Simulator { get; }

        public override string ToString() => $"{Name} ({ComputerName}:{Port}, user {UserName}, {ConnectionCount} sessions)";
    }

    /// <summary>The simulators this module started, each belonging to the runspace that started it (see <see cref="RunspaceStore{T}"/>).</summary>
    internal static class AmiSimulatorStore
    {
        private static readonly RunspaceStore<AmiSimulatorInfo> Running =
            new RunspaceStore<AmiSimulatorInfo>(s => s.Name, s => _ = s.Simulator.StopAsync());

        /// <summary>The current runspace's simulators.</summary>
        public static IReadOnlyList<AmiSimulatorInfo> All => Running.Current;

        public static void Add(AmiSimulatorInfo simulator) => Running.Add(simulator);

        /// <summary>Takes the simulator out of the store; false when it was not there (already stopped).</summary>
        public static bool Remove(AmiSimulatorInfo simulator) => Running.Remove(simulator);

        public static string UniqueName(string? wanted) => Running.UniqueName(string.IsNullOrWhiteSpace(wanted) ? "AmiSimulator" : wanted!);
    }
}
