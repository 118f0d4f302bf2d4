using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace AmiPs.Throughput
{
    /// <summary>
    /// A flood server (<see cref="SimulatorFlood"/> or <see cref="FloodServer"/>) in a child process, this same app
    /// started with <c>--serve</c>, driven over its stdin/stdout (protocol: <see cref="FloodHost"/>). The child reads
    /// its stdin until it closes, so it ends with this process even if this one is killed.
    /// </summary>
    public sealed class RemoteFlood : IFlood
    {
        private readonly Process _child;
        private readonly SemaphoreSlim _oneCommand = new SemaphoreSlim(1, 1); // replies come back in order, one per command

        private RemoteFlood(Process child, string[] ready)
        {
            _child = child;
            Port = int.Parse(ready[1], CultureInfo.InvariantCulture);
            User = ready[2];
            Secret = ready[3];
            AverageEventBytes = double.Parse(ready[4], CultureInfo.InvariantCulture);
            Description = ready[5];
        }

        public string Description { get; }

        public int Port { get; }

        public string User { get; }

        public string Secret { get; }

        public double AverageEventBytes { get; }

        public int ProcessId => _child.Id;

        /// <summary>How the child was started, for the report (no secret in it: the child makes its own).</summary>
        public string CommandLine { get; private set; } = string.Empty;

        public static async Task<RemoteFlood> StartAsync(string kind)
        {
            var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
            var start = new ProcessStartInfo(host)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false, // stderr is inherited: the child's errors reach the console as they happen
            };

            // `dotnet AmiPs.Throughput.dll` runs the dll through the muxer; the apphost (`dotnet run`) is the app itself.
            var shown = Path.GetFileName(host);
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                var dll = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly.");
                start.ArgumentList.Add(dll);
                shown += " " + Path.GetFileName(dll);
            }

            start.ArgumentList.Add("--serve");
            start.ArgumentList.Add(kind);
            var child = Process.Start(start) ?? throw new InvalidOperationException("The flood server process did not start.");
            try
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
                var ready = (line ?? string.Empty).Split(' ', 6);
                if (ready.Length != 6 || ready[0] != "ready")
                {
                    throw new InvalidOperationException($"The flood server did not start (exit code {ExitCode(child)}).");
                }

                return new RemoteFlood(child, ready) { CommandLine = shown + " --serve " + kind };
            }
            catch
            {
                Stop(child);
                child.Dispose();
                throw;
            }
        }

        public Task WaitForLoginsAsync(int count, TimeSpan timeout) =>
            (Task)AskAsync(string.Format(CultureInfo.InvariantCulture, "logins {0} {1:0}", count, timeout.TotalMilliseconds), "logins", timeout + TimeSpan.FromSeconds(10));

        /// <summary>Completes when the child has written the whole flood to every logged-in session.</summary>
        public Task FloodAsync(long events) =>
            (Task)AskAsync("flood " + events.ToString(CultureInfo.InvariantCulture), "flooded", TimeSpan.FromMinutes(10));

        public async Task<long> PrepareAsync(long events)
        {
            var reply = await AskAsync("prepare " + events.ToString(CultureInfo.InvariantCulture), "prepared", TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            return long.Parse(reply.Split(' ')[2], CultureInfo.InvariantCulture);
        }

        public Task PaceAsync(int count, TimeSpan interval) =>
            AskAsync(string.Format(CultureInfo.InvariantCulture, "pace {0} {1:0.###}", count, interval.TotalMilliseconds), "paced", TimeSpan.FromMinutes(10) + count * interval);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _child.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
                await _child.StandardInput.FlushAsync().ConfigureAwait(false);
                await _child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                // Already gone, or stuck: killed below.
            }
            finally
            {
                Stop(_child);
                _child.Dispose();
                _oneCommand.Dispose();
            }
        }

        private async Task<string> AskAsync(string command, string answer, TimeSpan timeout)
        {
            await _oneCommand.WaitAsync().ConfigureAwait(false);
            try
            {
                await _child.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
                await _child.StandardInput.FlushAsync().ConfigureAwait(false);
                var reply = await _child.StandardOutput.ReadLineAsync().WaitAsync(timeout).ConfigureAwait(false);
                if (reply is null)
                {
                    throw new InvalidOperationException($"The flood server exited (code {ExitCode(_child)}) during '{command}'.");
                }

                if (reply != answer && !reply.StartsWith(answer + " ", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The flood server answered '{command}' with: {reply}");
                }

                return reply;
            }
            finally
            {
                _oneCommand.Release();
            }
        }

        private static string ExitCode(Process child) =>
            child.WaitForExit(2_000) ? child.ExitCode.ToString(CultureInfo.InvariantCulture) : "none, still running";

        private static void Stop(Process child)
        {
            try
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }
    }
}
