using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>The built module folder is what a user imports: its manifest passes Test-ModuleManifest and states what the issue asks.</summary>
    public sealed class ManifestTests : IDisposable
    {
        private readonly PsHost _ps = new PsHost(importModule: false);

        [Fact]
        public void The_built_manifest_passes_Test_ModuleManifest_with_the_version_from_one_place()
        {
            _ps.SetVariable("manifest", RepoPaths.ModuleManifest);
            var module = _ps.Run("Test-ModuleManifest -Path $manifest").ThrowIfErrors().Output.Single();

            var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
            var version = props.Descendants("AmiPsVersion").Single().Value;
            Assert.Equal(version, module.Properties["Version"].Value.ToString());
            Assert.Equal("5.1", module.Properties["PowerShellVersion"].Value.ToString());
            Assert.Equal(new[] { "Core", "Desktop" }, ((System.Collections.IEnumerable)module.Properties["CompatiblePSEditions"].Value).Cast<object>().Select(o => o.ToString()));
        }

        [Fact]
        public void The_manifest_lists_its_exports_without_wildcards()
        {
            var text = File.ReadAllText(RepoPaths.ModuleManifest);

            Assert.DoesNotContain('*', text);
            Assert.Contains("FunctionsToExport    = @()", text);
            Assert.Contains("VariablesToExport    = @()", text);
            Assert.Contains("AliasesToExport      = @()", text);
        }

        [Fact]
        public void The_module_folder_ships_no_PowerShell_assemblies()
        {
            var dir = Path.GetDirectoryName(RepoPaths.ModuleManifest)!;
            var files = Directory.GetFiles(dir, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

            Assert.Contains("AmiPs.dll", files);
            Assert.DoesNotContain(files, f => f!.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase) || f.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
        }

        public void Dispose() => _ps.Dispose();
    }
}
