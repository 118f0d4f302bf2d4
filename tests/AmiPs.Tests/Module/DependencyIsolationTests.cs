using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// The module works in a process where another module has already loaded a different (older) version of a
    /// library it uses. Run in amips, a separate process whose platform assemblies do not include AmiPs.Core (in the
    /// test process they do, so no isolation happens here): amips first imports a stand-in module that loads
    /// Microsoft.Extensions.Logging.Abstractions 8.0, then the script imports AmiPs (built against 9.0) and uses it.
    /// Without the private load context this fails with "The located assembly's manifest definition does not match".
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class DependencyIsolationTests : IDisposable
    {
        private readonly string _temp = Path.Combine(Path.GetTempPath(), "amips-isolation-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void AmiPs_works_after_another_module_loaded_an_older_logging_abstractions()
        {
            var older = Path.Combine(NuGetRoot(), "microsoft.extensions.logging.abstractions", "8.0.0", "lib", "net8.0", "Microsoft.Extensions.Logging.Abstractions.dll");
            Assert.True(File.Exists(older), "the test project downloads this package: " + older);
            Directory.CreateDirectory(_temp);
            var standIn = Path.Combine(_temp, "OtherModule.psd1");
            File.WriteAllText(standIn, $"@{{ ModuleVersion = '1.0'; RequiredAssemblies = @('{older.Replace("'", "''")}') }}");

            var script = string.Join("; ", new[]
            {
                "$ErrorActionPreference = 'Stop'",
                "Import-Module '" + RepoPaths.ModuleManifest + "'",
                "$sim = Start-AmiSimulator",
                "$s = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential",
                "'healthy=' + (Get-AmiStatus -Session $s).IsHealthy",
                "'log=' + ((Get-AmiLog -Session $s).EventName -contains 'Authenticated')",
                "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' } | ForEach-Object { 'mel=' + $_.GetName().Version + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } | Sort-Object",
                "Disconnect-Ami -Session $s",
            });
            var (exitCode, output) = RunAmips(script, standIn);

            Assert.True(exitCode == 0, output);
            Assert.Contains("healthy=True", output);
            Assert.Contains("log=True", output);
            Assert.Contains("mel=8.0.0.0@Default", output);
            Assert.Contains("mel=9.0.0.0@AmiPs", output);
        }

        public void Dispose()
        {
            if (Directory.Exists(_temp))
            {
                Directory.Delete(_temp, recursive: true);
            }
        }

        private static (int ExitCode, string Output) RunAmips(string script, string firstModule)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var shell = Path.Combine(RepoPaths.Root, "src", "AmiPs.Shell", "bin", configuration, "net10.0", "AmiPs.Shell.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(shell);
            start.ArgumentList.Add("-Command");
            start.ArgumentList.Add(script);
            start.Environment["AMIPS_MODULE_PATH"] = firstModule;
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

        private static string NuGetRoot() =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
                ? root
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }
}
