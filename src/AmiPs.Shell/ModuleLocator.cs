using System;
using System.IO;

namespace AmiPs.Shell
{
    /// <summary>Finds the AmiPs module manifest that amips imports before running anything.</summary>
    internal static class ModuleLocator
    {
        public const string EnvironmentVariable = "AMIPS_MODULE_PATH";

        private static readonly string RelativeManifest = Path.Combine("out", "AmiPs", "AmiPs.psd1");

        /// <summary>
        /// $AMIPS_MODULE_PATH (the manifest or its folder) when set; otherwise the first out/AmiPs/AmiPs.psd1 found walking up
        /// from <paramref name="startDirectory"/> (the executable's folder: bin/Release/net10.0 sits under the repository).
        /// </summary>
        public static string Find(string startDirectory)
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var candidate = Directory.Exists(configured) ? Path.Combine(configured, "AmiPs.psd1") : configured;
                if (!File.Exists(candidate))
                {
                    throw new FileNotFoundException($"{EnvironmentVariable} is set to '{configured}', but there is no AmiPs.psd1 there.");
                }

                return Path.GetFullPath(candidate);
            }

            for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeManifest);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException(
                $"The AmiPs module was not found: no {RelativeManifest} above '{startDirectory}'. " +
                $"Build it with 'dotnet build AmiPs.sln -c Release', or set {EnvironmentVariable} to the AmiPs.psd1 to use.");
        }
    }
}
