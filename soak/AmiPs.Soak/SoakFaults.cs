using System;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Simulator;

namespace AmiPs.Soak
{
    /// <summary>Injects one fault after another through the simulator and keeps count of the protocol errors each one explains.</summary>
    internal sealed class SoakFaults
    {
        private readonly AmiSimulator _simulator;
        private readonly AmiSession _session;
        private int _next;

        public SoakFaults(AmiSimulator simulator, AmiSession session)
        {
            _simulator = simulator;
            _session = session;
        }

        public int Injected { get; private set; }

        /// <summary>Protocol errors seen while a garbage or overlong-line fault was playing out.</summary>
        public long ExplainedProtocolErrors { get; private set; }

        public string Last { get; private set; } = "none";

        public async Task InjectNextAsync()
        {
            var before = _session.ProtocolErrors;
            var kind = _next++ % 6;
            switch (kind)
            {
                case 0:
                    Last = "close all";
                    _simulator.Faults.CloseAll();
                    break;
                case 1:
                    Last = "close mid-message";
                    _simulator.Faults.CloseMidMessage();
                    break;
                case 2:
                    Last = "garbage";
                    await _simulator.Faults.SendGarbageAsync();
                    break;
                case 3:
                    Last = "overlong line";
                    await _simulator.Faults.SendOverlongLineAsync(200_000);
                    break;
                case 4:
                    Last = "refuse 2 s + close";
                    _simulator.Faults.RefuseConnectionsFor(TimeSpan.FromSeconds(2));
                    _simulator.Faults.CloseAll();
                    break;
                default:
                    Last = "stop answering (half-open) 3 s";
                    _simulator.Faults.StopAnswering = true;
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    _simulator.Faults.StopAnswering = false;
                    break;
            }

            Injected++;
            if (kind is 2 or 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)); // let the bytes arrive and be counted
                ExplainedProtocolErrors += _session.ProtocolErrors - before;
            }
        }
    }
}
