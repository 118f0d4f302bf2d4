using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// A hosted engine with the cmdlets pwsh users have beyond the core ones (Get-Date, Select-Object, ConvertTo-Json,
    /// Join-Path ...): the Utility and Management assemblies, which the test host carries through amips' packages.
    /// </summary>
    internal static class FullEngine
    {
        public static PsHost NewHost()
        {
            var ps = new PsHost();
            ps.Run(@"Import-Module -Assembly ([System.Reflection.Assembly]::Load('Microsoft.PowerShell.Commands.Utility')),
                                             ([System.Reflection.Assembly]::Load('Microsoft.PowerShell.Commands.Management'))").ThrowIfErrors();
            return ps;
        }
    }
}
