using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Simulator;

namespace AmiPs.PbxBench
{
    /// <summary>
    /// The issue's scale target: a PBX of 5,000 endpoints (each a registered, reachable contact), the simulator in this
    /// process. Prints how long the session's load takes after login, then the median and worst of
    /// <c>Get-AmiEndpoint</c> (all, one by name, a wildcard) through the PowerShell engine with the built module, and
    /// of the Core query alone. Target: Get-AmiEndpoint under 50 ms over 5,000 endpoints. Exit 1 when the target is missed.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var endpoints = Option(args, "--endpoints", 5000);
            var queries = Option(args, "--queries", 100);
            var root = FindRoot();
            var manifest = Path.Combine(root, "out", "AmiPs", "AmiPs.psd1");
            if (!File.Exists(manifest))
            {
                Console.Error.WriteLine($"{manifest} is missing: dotnet build AmiPs.sln -c Release first.");
                return 2;
            }

            await using var simulator = await AmiSimulator.StartAsync(new AmiSimulatorOptions
            {
                Users = new[] { new AmiSimulatorUser("admin", "bench-secret") },
                SipEndpoints = SimulatedSip.Phones(endpoints),
            });

            // Load AmiPs.Core from here first, so the module binds to the same copy and its sessions are this AmiSession.
            GC.KeepAlive(typeof(AmiSession).Assembly);
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            Run(runspace, $"Import-Module '{manifest}' -ErrorAction Stop");
            runspace.SessionStateProxy.SetVariable("cred", new PSCredential("admin", new NetworkCredential(string.Empty, "bench-secret").SecurePassword));

            var load = Stopwatch.StartNew();
            var session = (AmiSession)Run(runspace, $"Connect-Ami 127.0.0.1 -Port {simulator.Port} -Credential $cred").Single().BaseObject;
            while (session.Endpoints.LoadedAt is null && load.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(5).ConfigureAwait(false);
            }

            load.Stop();
            Console.WriteLine($"AmiPs PBX bench: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            Console.WriteLine($"load after login      {session.Endpoints.Count,6} endpoints  {load.Elapsed.TotalMilliseconds,9:0.0} ms (login, ListCommands, PJSIPShowEndpoints, PJSIPShowContacts)");

            var failed = false;
            foreach (var (label, script, expected) in new[]
            {
                ("baseline: 1..N (engine only)", $"1..{endpoints}", endpoints),
                ("Get-AmiEndpoint", "Get-AmiEndpoint", endpoints),
                ("Get-AmiEndpoint 2500", "Get-AmiEndpoint 2500", 1),
                ("Get-AmiEndpoint 1*", "Get-AmiEndpoint 1*", endpoints >= 1999 ? 1000 : -1),
                ("... | ? { !$_.IsReachable }", "Get-AmiEndpoint | Where-Object { -not $_.IsReachable }", 0),
            })
            {
                var times = new double[queries];
                var count = 0;
                for (var i = 0; i < queries; i++)
                {
                    var watch = Stopwatch.StartNew();
                    count = Run(runspace, script).Count;
                    times[i] = watch.Elapsed.TotalMilliseconds;
                }

                Array.Sort(times);
                var median = times[times.Length / 2];
                var miss = label == "Get-AmiEndpoint" && median >= 50;
                failed |= miss || (expected >= 0 && count != expected);
                Console.WriteLine($"{label,-28} {count,6} objects   median {median,7:0.00} ms  worst {times[^1],7:0.00} ms{(label == "Get-AmiEndpoint" ? "  (target < 50 ms)" : string.Empty)}{(miss ? "  MISSED" : string.Empty)}");
            }

            var core = new double[queries];
            for (var i = 0; i < queries; i++)
            {
                var watch = Stopwatch.StartNew();
                GC.KeepAlive(session.Endpoints.GetEndpoints().Count(e => e.IsReachable));
                core[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(core);
            Console.WriteLine($"{"Core GetEndpoints()",-28} {session.Endpoints.Count,6} objects   median {core[core.Length / 2],7:0.00} ms  worst {core[^1],7:0.00} ms");
            Run(runspace, "Get-AmiSession | Disconnect-Ami");
            return failed ? 1 : 0;
        }

        private static System.Collections.ObjectModel.Collection<PSObject> Run(Runspace runspace, string script)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            var output = ps.AddScript(script).Invoke();
            if (ps.HadErrors)
            {
                throw new InvalidOperationException(string.Join("; ", ps.Streams.Error));
            }

            return output;
        }

        private static int Option(string[] args, string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AmiPs.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("AmiPs.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
