using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Shell
{
    /// <summary>
    /// A real SIGINT (what Ctrl+C sends on Linux and macOS) to a busy amips: the script stops, its finally block runs
    /// (host output only: a stopping pipeline takes no more objects, as in pwsh), amips exits 130.
    /// </summary>
    public sealed class CtrlCTests
    {
        [Fact]
        public async Task Sigint_stops_the_running_script_instead_of_killing_amips()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return; // No SIGINT to send; the in-process stop is covered by ShellRunnerTests.
            }

            using var process = AmipsProcess.Start(new[] { "-Command", "'started'; try { while ($true) { } } finally { Write-Host 'cleaned up' }; 'not reached'" });
            process.StandardInput.Close();
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            var stderr = process.StandardError.ReadToEndAsync();
            string Output()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }

            await Eventually.WaitUntilAsync(() => Output().Contains("started"), TimeSpan.FromSeconds(30), "the script to start");
            using (var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            {
                await kill.WaitForExitAsync();
            }

            var watch = Stopwatch.StartNew();
            await AmipsProcess.WaitForExitAsync(process, stderr);
            process.WaitForExit(); // flushes the asynchronous output events

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"amips took {watch.Elapsed} to stop");
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("cleaned up", Output());
            Assert.DoesNotContain("not reached", Output());
        }
    }
}
