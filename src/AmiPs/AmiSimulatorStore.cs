using System;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>The simulators this module started: one list for the process, not a $Global: variable.</summary>
    internal static class AmiSimulatorStore
    {
        private static readonly object Gate = new object();
        private static readonly List<AmiSimulatorInfo> Running = new List<AmiSimulatorInfo>();

        public static IReadOnlyList<AmiSimulatorInfo> All
        {
            get
            {
                lock (Gate)
                {
                    return Running.ToArray();
                }
            }
        }

        public static void Add(AmiSimulatorInfo simulator)
        {
            lock (Gate)
            {
                Running.Add(simulator);
            }
        }

        /// <summary>Takes the simulator out of the store; false when it was not there (already stopped).</summary>
        public static bool Remove(AmiSimulatorInfo simulator)
        {
            lock (Gate)
            {
                return Running.Remove(simulator);
            }
        }

        public static string UniqueName(string? wanted)
        {
            lock (Gate)
            {
                var stem = string.IsNullOrWhiteSpace(wanted) ? "AmiSimulator" : wanted!;
                var name = stem;
                for (var n = 2; Running.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
                {
                    name = stem + "#" + n;
                }

                return name;
            }
        }
    }
}
