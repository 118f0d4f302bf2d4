using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using AmiPs.Bench;

namespace AmiPs.Throughput
{
    /// <summary>One round of a real-pwsh scenario: what bench/pwsh/Scenario.ps1 reported, timed by this process.</summary>
    /// <param name="TailMilliseconds">From the pipeline's end to its report reaching this process (the report's own
    /// cmdlets and JSON, and the pipe): outside <paramref name="Seconds"/>; 0 for the ceiling, timed in its process.</param>
    public sealed record PwshRound(string Scenario, bool Ceiling, int Round, long Events, double Seconds, JsonElement Report, double TailMilliseconds = 0)
    {
        public double Rate => Events / Seconds;

        public double Number(string name) => Report.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

        public long Dropped => (long)Number("dropped");

        public double CpuMicrosecondsPerEvent => Number("cpuMs") * 1000 / Events;

        public double BytesPerEvent => Number("allocBytes") / Events;

        public string Gc => $"{Number("gen0"):0}/{Number("gen1"):0}/{Number("gen2"):0}, {Number("pauseMs"):0.0} ms";

        /// <summary>
        /// Methods the JIT compiled during the round (every thread: the tiered compiler's rejits too) and its time; for a
        /// warm round, also how long the process waited before it for the JIT to go quiet, and what it compiled meanwhile.
        /// </summary>
        public string Jit => double.IsNaN(Number("settleMs"))
            ? $"{Number("jitMethods"):0} methods, {Number("jitMs"):0} ms"
            : $"{Number("jitMethods"):0} methods, {Number("jitMs"):0} ms (after {Number("settleMs") / 1000:0.0} s to quiet, {Number("settleMethods"):0} methods)";
    }

    /// <summary>
    /// A real pwsh process (<c>dotnet pwsh</c>, the repository's tool manifest: 7.6.9; or <c>AMIPS_PWSH</c>) running
    /// bench/pwsh/Scenario.ps1, with out/ on PSModulePath so <c>Import-Module AmiPs</c> finds the built module.
    /// </summary>
    public sealed class PwshProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private Process? _perf;

        private PwshProcess(Process process) => _process = process;

        /// <summary>perf record of this process (with the JIT's perf map) into <paramref name="file"/>, until it exits.</summary>
        public void Record(string file)
        {
            var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true };
            // `dotnet pwsh` starts pwsh as a child of the muxer: record the whole tree (it exists once "ready" was read).
            var pids = string.Join(",", Tree(_process.Id));
            foreach (var argument in new[] { "record", "-F", "499", "-g", "-o", file, "-p", pids })
            {
                start.ArgumentList.Add(argument);
            }

            _perf = Process.Start(start);
        }

        private static IEnumerable<int> Tree(int pid)
        {
            yield return pid;
            foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : Array.Empty<string>())
            {
                var children = Path.Combine(task, "children");
                foreach (var child in File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>())
                {
                    foreach (var descendant in Tree(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        yield return descendant;
                    }
                }
            }
        }

        /// <summary>The folder holding AmiPs/: out/ (the build's), or AMIPS_MODULE_ROOT (bench/run.sh r2r).</summary>
        public static string ModuleRoot => Environment.GetEnvironmentVariable("AMIPS_MODULE_ROOT") ?? Path.Combine(FixtureEvents.RepoRoot, "out");

        public static ProcessStartInfo StartInfo(params string[] arguments)
        {
            var root = FixtureEvents.RepoRoot;
            var custom = Environment.GetEnvironmentVariable("AMIPS_PWSH");
            var start = new ProcessStartInfo(custom ?? "dotnet")
            {
                WorkingDirectory = root, // where dotnet finds .config/dotnet-tools.json
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (custom is null)
            {
                start.ArgumentList.Add("pwsh");
            }

            foreach (var argument in new[] { "-NoProfile", "-NonInteractive" })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PSModulePath"] = ModuleRoot + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            return start;
        }

        public static async Task<PwshProcess> StartAsync(string scenario, bool ceiling, int rounds, IFlood server, bool perfMap = false, string? jitLog = null)
        {
            var script = Path.Combine(FixtureEvents.RepoRoot, "bench", "pwsh", "Scenario.ps1");
            var arguments = ceiling
                ? new[] { "-File", script, "-Scenario", scenario, "-Rounds", rounds.ToString(), "-Ceiling" }
                : new[] { "-File", script, "-Scenario", scenario, "-Rounds", rounds.ToString() };
            var start = StartInfo(arguments);
            start.Environment["AMIPS_BENCH_PORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["AMIPS_BENCH_USER"] = server.User;
            start.Environment["AMIPS_BENCH_SECRET"] = server.Secret; // not on the command line, which any local user can read
            if (perfMap)
            {
                start.Environment["DOTNET_PerfMapEnabled"] = "1";
                start.Environment["DOTNET_EnableWriteXorExecute"] = "0"; // so perf can attribute the JIT's code to the map's names
            }

            if (jitLog is not null)
            {
                start.Environment["DOTNET_JitStdOutFile"] = jitLog;
                start.Environment["DOTNET_JitDisasmSummary"] = "1";
            }

            var process = new PwshProcess(Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start"));
            await process.ExpectAsync("ready", TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            return process;
        }

        /// <summary>
        /// One round: asks the server to make the flood (its bytes, before the clock), lets pwsh start its pipeline,
        /// and on "go" starts the clock and <paramref name="send"/>; stops it when pwsh says "done".
        /// </summary>
        public async Task<PwshRound> RoundAsync(string scenario, bool ceiling, int round, long events, long hangups, Func<Task>? send)
        {
            await _process.StandardInput.WriteLineAsync($"start {events} {hangups}").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            // From the flood's start to the pipeline's end, as pwsh stamped it: Stopwatch timestamps are the system's
            // monotonic clock (CLOCK_MONOTONIC, QueryPerformanceCounter), shared by the processes of one machine.
            long started;
            Task sending = Task.CompletedTask;
            if (send is not null)
            {
                await ExpectAsync("go", TimeSpan.FromMinutes(2)).ConfigureAwait(false);
                started = Stopwatch.GetTimestamp();
                sending = send();
            }
            else
            {
                started = Stopwatch.GetTimestamp();
            }

            var done = await ExpectAsync("done", TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            var reported = Stopwatch.GetTimestamp();
            await sending.ConfigureAwait(false);
            var report = JsonDocument.Parse(done.Substring("done ".Length)).RootElement.Clone();
            if (ceiling)
            {
                // The ceiling has no server: its own stopwatch around the pipeline is the only clock.
                return new PwshRound(scenario, ceiling, round, events, report.GetProperty("seconds").GetDouble(), report);
            }

            var ended = report.GetProperty("endClock").GetInt64();
            return new PwshRound(scenario, ceiling, round, events, (double)(ended - started) / Stopwatch.Frequency, report,
                (double)(reported - ended) * 1000 / Stopwatch.Frequency);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
            finally
            {
                _process.Dispose();
                if (_perf is not null)
                {
                    await _perf.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                    _perf.Dispose();
                }
            }
        }

        private async Task<string> ExpectAsync(string word, TimeSpan timeout)
        {
            while (true)
            {
                var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout).ConfigureAwait(false)
                           ?? throw new InvalidOperationException($"pwsh exited before '{word}' (exit code {(_process.WaitForExit(5_000) ? _process.ExitCode : -1)}).");
                if (line == word || line.StartsWith(word + " ", StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
    }
}
