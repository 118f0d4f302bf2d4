using System.Collections.Generic;
using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>Stops simulators started by Start-AmiSimulator (every one when it is run alone, none when an empty pipeline feeds it) and closes their sessions. Safe to repeat.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AmiSimulator")]
    [OutputType(typeof(void))]
    public sealed class StopAmiSimulatorCommand : AmiCmdlet
    {
        private bool _sawInput;

        [Parameter(Position = 0, ValueFromPipeline = true)]
        public AmiSimulatorInfo[]? Simulator { get; set; }

        protected override void ProcessRecord()
        {
            if (Simulator is null)
            {
                return;
            }

            _sawInput = true;
            Stop(Simulator);
        }

        protected override void EndProcessing()
        {
            // Nothing piped in (`$none | Stop-AmiSimulator`) stops nothing; only a bare Stop-AmiSimulator means every one.
            if (!_sawInput && !MyInvocation.ExpectingInput)
            {
                Stop(AmiSimulatorStore.All);
            }
        }

        private void Stop(IEnumerable<AmiSimulatorInfo> simulators)
        {
            foreach (var simulator in simulators)
            {
                if (AmiSimulatorStore.Remove(simulator))
                {
                    WriteVerbose($"Stopping AMI simulator '{simulator.Name}' on port {simulator.Port}.");
                }

                // Stopping twice is harmless: the simulator ignores a second stop.
                Await(simulator.Simulator.StopAsync());
            }
        }
    }
}
