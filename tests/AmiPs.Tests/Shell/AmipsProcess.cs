using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Shell;
using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Shell
{
    /// <summary>Runs the built amips as a child process, as a user would, with stdin, stdout and stderr redirected.</summary>
    internal static class AmipsProcess
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The amips command next to AmiPs.Shell.dll in the Shell project's output for this configuration; when that copy is
        /// missing, AmiPs.Shell.dll (copied next to the tests) through the dotnet host.
        /// </summary>
        public static (string FileName, string[] Prefix) Command
        {
            get
            {
                var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
                var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "amips.exe" : "amips";
                var amips = Path.Combine(RepoPaths.Root, "src", "AmiPs.Shell", "bin", configuration, "net10.0", name);
                if (File.Exists(amips))
                {
                    return (amips, Array.Empty<string>());
                }

                var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
                return (dotnet, new[] { typeof(ShellRunner).Assembly.Location });
            }
        }

        public static async Task<AmipsResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null)
        {
            using var process = Start(arguments);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await WaitForExitAsync(process, stdout).ConfigureAwait(false);
            return new AmipsResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }

        /// <summary>Starts amips with every stream redirected; the caller reads them and waits.</summary>
        public static Process Start(IEnumerable<string> arguments)
        {
            var (fileName, prefix) = Command;
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepoPaths.Root,
            };
            foreach (var argument in prefix)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["AMIPS_MODULE_PATH"] = RepoPaths.ModuleManifest;

            return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        }

        public static async Task WaitForExitAsync(Process process, Task<string> stdout)
        {
            using var timeout = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"amips did not exit within {Deadline.TotalSeconds} s. Output so far: {await stdout.ConfigureAwait(false)}");
            }
        }
    }

    internal sealed class AmipsResult
    {
        public AmipsResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
    }
}
