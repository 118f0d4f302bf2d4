using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>The scripts in examples/ run with <c>amips -File</c> against the simulator and exit as they promise.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class ExampleScriptTests : IAsyncLifetime
    {
        private const string Secret = "example-secret";
        private AmiSimulator? _simulator;

        public async Task InitializeAsync() =>
            _simulator = await AmiSimulator.StartAsync(new AmiSimulatorOptions { Users = new[] { new AmiSimulatorUser("admin", Secret) }, TrafficCallsPerSecond = 4 });

        public async Task DisposeAsync() => await _simulator!.StopAsync();

        [Theory]
        [InlineData("Local/2000@office", 0, "OK - call to Local/2000@office: Answered")]
        [InlineData("Local/2002@office", 1, "CRITICAL - call to Local/2002@office: Busy")]
        public void The_telephony_check_exits_on_the_disposition(string channel, int exitCode, string line)
        {
            var (code, output) = Amips(_simulator!.Port, "Test-Telephony.ps1", "-Channel", channel);

            Assert.True(code == exitCode, output);
            Assert.Contains(line, output);
        }

        [Fact]
        public void The_telephony_check_exits_2_when_the_pbx_is_unreachable()
        {
            var (code, output) = Amips(ClosedPort(), "Test-Telephony.ps1", "-Channel", "Local/2000@office");

            Assert.True(code == 2, output);
            Assert.StartsWith("UNKNOWN - cannot reach the PBX", output.Trim());
        }

        [Fact]
        public void The_health_job_appends_a_json_line_and_exits_on_health()
        {
            var file = Path.Combine(Path.GetTempPath(), "amips-health-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                var (healthy, output) = Amips(_simulator!.Port, "Write-PbxHealth.ps1", "-SampleSeconds", "0.5", "-Path", file);
                var (unhealthy, output2) = Amips(ClosedPort(), "Write-PbxHealth.ps1", "-Path", file);

                Assert.True(healthy == 0, output);
                Assert.True(unhealthy == 1, output2);
                var lines = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
                Assert.Equal(2, lines.Count);
                Assert.True(lines[0].GetProperty("healthy").GetBoolean());
                Assert.Equal(4, lines[0].GetProperty("extensions").GetInt32());
                Assert.True(lines[0].GetProperty("completedCalls").GetInt32() + lines[0].GetProperty("activeCalls").GetInt32() >= 0);
                Assert.False(lines[1].GetProperty("healthy").GetBoolean());
                Assert.Equal("AmiConnectionRefused", lines[1].GetProperty("errorId").GetString());
                Assert.DoesNotContain(Secret, File.ReadAllText(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void The_call_watch_shows_calls_and_extensions_for_its_duration()
        {
            var clock = Stopwatch.StartNew();
            var (code, output) = Amips(_simulator!.Port, "Watch-Calls.ps1", "-Duration", "1.5");

            Assert.True(code == 0, output);
            Assert.Contains("Newchannel", output);
            Assert.Contains("ExtensionStatus", output);
            Assert.Contains("calls in 1.5 s", output);
            Assert.True(clock.Elapsed.TotalSeconds >= 1.5, "the watch lasted its -Duration"); // no upper bound: a process start on busy cores is slow
        }

        private static (int ExitCode, string Output) Amips(int port, string script, params string[] arguments)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var shell = Path.Combine(RepoPaths.Root, "src", "AmiPs.Shell", "bin", configuration, "net10.0", "AmiPs.Shell.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
            foreach (var argument in new List<string> { shell, "-File", Path.Combine(RepoPaths.Root, "examples", script) }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            // The child's own environment: the scripts read the PBX and the credential from the AMI_* variables.
            start.Environment["AMI_HOST"] = "127.0.0.1";
            start.Environment["AMI_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["AMI_USERNAME"] = "admin";
            start.Environment["AMI_PASSWORD"] = Secret;
            start.Environment["AMIPS_MODULE_PATH"] = RepoPaths.ModuleManifest;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "amips did not finish within 60 s");
            }

            return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
        }

        private static int ClosedPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
