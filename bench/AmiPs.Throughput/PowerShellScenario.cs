using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using AmiPs.Bench;
using AmiPs.Client;

namespace AmiPs.Throughput
{
    /// <summary>
    /// The PowerShell engine (System.Management.Automation 7.6.9) hosted in this process with the built module
    /// imported from out/AmiPs, as a user's pwsh would: Connect-Ami, then a Receive-AmiEvent pipeline on the flood.
    /// </summary>
    public sealed class PowerShellScenario : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellScenario()
        {
            var manifest = Path.Combine(FixtureEvents.RepoRoot, "out", "AmiPs", "AmiPs.psd1");
            if (!File.Exists(manifest))
            {
                throw new InvalidOperationException($"{manifest} is missing: build the module first (dotnet build AmiPs.sln -c Release).");
            }

            // Load AmiPs.Core from this app's folder first: the module then binds to the same copy, so the sessions it
            // returns are the AmiSession this code knows (two copies of one assembly make two unrelated types).
            GC.KeepAlive(typeof(AmiSession).Assembly);
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            Run($"Import-Module '{manifest}' -ErrorAction Stop");
        }

        /// <summary>Times <paramref name="pipeline"/> (which reads <c>$n</c> events) from the start of the flood to its end.</summary>
        public async Task<RunResult> RunAsync(IFlood server, string name, string pipeline, long events, long warmUp = 0)
        {
            var beforeFirstEvent = WorkingSetSampler.Trimmed();
            if (warmUp > 0)
            {
                // Unmeasured: the same pipeline on a short flood, so the engine and the module run optimised code.
                await RunOnceAsync(server, name, pipeline, warmUp, beforeFirstEvent).ConfigureAwait(false);
            }

            var measured = await RunOnceAsync(server, name, pipeline, events, beforeFirstEvent).ConfigureAwait(false);
            return measured with { WarmedUp = warmUp > 0 };
        }

        private async Task<RunResult> RunOnceAsync(IFlood server, string name, string pipeline, long events, long beforeFirstEvent)
        {
            _runspace.SessionStateProxy.SetVariable("port", server.Port);
            _runspace.SessionStateProxy.SetVariable("user", server.User);
            _runspace.SessionStateProxy.SetVariable("secret", server.Secret);
            _runspace.SessionStateProxy.SetVariable("n", events);
            var session = (AmiSession)Run(
                "$cred = [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $secret).SecurePassword); " +
                "Connect-Ami 127.0.0.1 -Port $port -Credential $cred -NoReconnect -Name ps").Single().BaseObject;
            try
            {
                await server.WaitForLoginsAsync(1, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddScript(pipeline);
                var memory = new WorkingSetSampler();
                var allocated = AllocationMark.Now();
                var cost = CostMark.Now(); // from here, as the allocations: the pipeline's start is part of its cost
                var invocation = ps.BeginInvoke();
                await DotNetScenario.WaitForAsync(() => session.GetStatus().Subscribers > 0, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var flood = server.FloodAsync(events);
                var output = await Task.Factory.FromAsync(invocation, ps.EndInvoke).ConfigureAwait(false);
                clock.Stop();
                var perEvent = allocated.Since / (double)events;
                var spent = cost.Since(); // before the full collection that measures what is held
                memory.Dispose();
                var retained = memory.Retained();
                await flood.ConfigureAwait(false);
                if (ps.Streams.Error.Count > 0)
                {
                    throw new InvalidOperationException("The pipeline wrote errors: " + string.Join(" | ", ps.Streams.Error));
                }

                var read = output.Count == 1 && output[0].BaseObject is IConvertible value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : events;
                return new RunResult(name, read, clock.Elapsed.TotalSeconds, server.AverageEventBytes, perEvent, memory.Growth, session.EventsDropped, read == events ? string.Empty : $"read {read:N0} of {events:N0}") { Retained = retained, Cost = spent, GrowthFromFirstEvent = memory.GrowthOver(beforeFirstEvent) };
            }
            finally
            {
                Run("Get-AmiSession | Disconnect-Ami");
            }
        }

        /// <summary>Runs a script and returns its output; any error is fatal to the benchmark.</summary>
        public System.Collections.ObjectModel.Collection<PSObject> Run(string script)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            var output = ps.Invoke();
            if (ps.HadErrors && ps.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException($"'{script}' failed: " + string.Join(" | ", ps.Streams.Error.Select(e => e.Exception.ToString())));
            }

            return output;
        }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public void Dispose() => _runspace.Dispose();
    }
}
