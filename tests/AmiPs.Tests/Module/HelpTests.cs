using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>Every exported cmdlet has full help (compiled from docs/cmdlets by the build), and the manifest exports exactly the dll's cmdlets.</summary>
    public sealed class HelpTests : IDisposable
    {
        private readonly PsHost _ps = new PsHost();

        [Fact]
        public void The_manifest_exports_exactly_the_cmdlets_in_the_dll()
        {
            var inDll = _ps.Run(@"
                [AmiPs.Commands.ConnectAmiCommand].Assembly.GetExportedTypes() |
                    Where-Object { $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
                    ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; '{0}-{1}' -f $a.VerbName, $a.NounName }").ThrowIfErrors()
                .Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal).ToList();

            Assert.Equal(inDll, HelpPages.ManifestExports());
        }

        [Fact]
        public void Every_exported_cmdlet_has_a_page_and_every_page_a_cmdlet()
        {
            Assert.Equal(HelpPages.ManifestExports(), HelpPages.Names);
        }

        [Fact]
        public void Every_exported_cmdlet_has_full_help()
        {
            var problems = new List<string>();
            foreach (var cmdlet in ExportedCmdlets())
            {
                _ps.SetVariable("name", cmdlet);
                var help = _ps.Run(@"
                    $h = Get-Help $name -Full
                    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
                    $declared = (Get-Command $name).Parameters.Keys | Where-Object { $common -notcontains $_ }
                    $documented = @($h.parameters.parameter | Where-Object { $_.description -and $common -notcontains $_.name } | ForEach-Object name)
                    [string]$h.Synopsis
                    @($h.description).Count
                    @($h.examples.example).Count
                    @($h.relatedLinks.navigationLink).Count
                    @($h.returnValues.returnValue).Count
                    (@($declared | Where-Object { $documented -notcontains $_ }) -join ',')
                    (@($documented | Where-Object { $declared -notcontains $_ }) -join ',')").ThrowIfErrors().Output.Select(o => o.BaseObject).ToList();

                var synopsis = (string)help[0];
                if (synopsis.Length == 0 || synopsis.StartsWith(cmdlet + " ", StringComparison.Ordinal) || synopsis.Contains("[<CommonParameters>]"))
                {
                    problems.Add($"{cmdlet}: no written synopsis ('{synopsis}')");
                }

                if ((int)help[1] == 0)
                {
                    problems.Add($"{cmdlet}: no description");
                }

                if ((int)help[2] < 2)
                {
                    problems.Add($"{cmdlet}: {help[2]} examples");
                }

                if ((int)help[3] == 0 || (int)help[4] == 0)
                {
                    problems.Add($"{cmdlet}: no related links or outputs");
                }

                if ((string)help[5] != string.Empty)
                {
                    problems.Add($"{cmdlet}: parameters without help: {help[5]}");
                }

                if ((string)help[6] != string.Empty)
                {
                    problems.Add($"{cmdlet}: help for parameters that do not exist: {help[6]}");
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Examples_and_the_about_topic_are_readable_through_Get_Help()
        {
            var result = _ps.Run(@"
                (Get-Help Connect-Ami -Examples).examples.example[0].code
                Get-Help about_AmiPs").ThrowIfErrors();

            Assert.Contains("Connect-Ami -ComputerName $sim.ComputerName", (string)result.Output[0].BaseObject);
            var about = (string)result.Output[1].BaseObject;
            foreach (var topic in new[] { "THE DEFAULT SESSION", "RECONNECTS AND RESYNC", "EVENT HISTORY AND DROPS", "ENVIRONMENT VARIABLES", "SECURITY", "AMI_PASSWORD" })
            {
                Assert.Contains(topic, about);
            }
        }

        public void Dispose() => _ps.Dispose();

        private List<string> ExportedCmdlets() =>
            _ps.Run("(Get-Module AmiPs).ExportedCmdlets.Keys").ThrowIfErrors().Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }
}
