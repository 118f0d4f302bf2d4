# The module as a package: manifest, help for every cmdlet, and its dependencies loaded apart from other modules'.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
}

Describe 'Manifest' -Tag CI {
    It 'Test-ModuleManifest accepts it, with the version from Directory.Build.props, for 5.1 Desktop and Core' {
        $manifest = Test-ModuleManifest $ModuleManifest -ErrorAction Stop
        $version = ([xml] (Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.AmiPsVersion | Where-Object { $_ }
        $manifest.Version | Should -Be ([version] $version)
        $manifest.PowerShellVersion | Should -Be ([version] '5.1')
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
    }

    It 'exports exactly the cmdlets the dll defines, by name, and no functions, variables or aliases' {
        $manifest = Test-ModuleManifest $ModuleManifest
        $inDll = [AmiPs.Commands.ConnectAmiCommand].Assembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { '{0}-{1}' -f $_.VerbName, $_.NounName }
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($inDll | Sort-Object)
        $manifest.ExportedFunctions.Count + $manifest.ExportedAliases.Count + $manifest.ExportedVariables.Count | Should -Be 0
        Get-Content -Raw $ModuleManifest | Should -Not -Match '\*' -Because 'exports are listed, never wildcards'
    }

    It 'every exported cmdlet has a page in docs/cmdlets, and every page a cmdlet' {
        $pages = Get-ChildItem (Join-Path $RepoRoot 'docs/cmdlets') -Filter '*.md' | ForEach-Object BaseName
        @($pages | Sort-Object) | Should -Be @((Test-ModuleManifest $ModuleManifest).ExportedCmdlets.Keys | Sort-Object)
    }

    It 'the module folder ships no PowerShell assemblies' {
        $dlls = Get-ChildItem (Split-Path $ModuleManifest) -Recurse -Filter '*.dll' | ForEach-Object Name
        $dlls | Should -Contain 'AmiPs.dll'
        $dlls | Where-Object { $_ -like 'System.Management.Automation*' -or $_ -like 'Microsoft.PowerShell*' } | Should -BeNullOrEmpty
    }
}

Describe 'Help for <_>' -Tag CI -ForEach @((Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -PassThru).ExportedCmdlets.Keys | Sort-Object) {
    BeforeAll {
        $script:help = Get-Help $_ -Full
        $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $script:parameters = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
    }

    It 'has a synopsis (not the generated syntax line)' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_\s+\["
    }

    It 'has a description' {
        ($help.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter, and no parameter it lacks' {
        foreach ($name in $parameters) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($described.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
        @($help.Parameters.Parameter.Name | Where-Object { $_ -notin $common -and $_ -notin $parameters }) | Should -BeNullOrEmpty
    }

    It 'names its outputs and related links' {
        @($help.ReturnValues.ReturnValue).Count | Should -BeGreaterThan 0
        @($help.RelatedLinks.NavigationLink).Count | Should -BeGreaterThan 0
    }

    It 'has at least one example with code' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        ($help.Examples.Example[0].Code -join '').Trim() | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_AmiPs' -Tag CI {
    It 'Get-Help about_AmiPs has the section <_>' -ForEach @('THE DEFAULT SESSION', 'RECONNECTS AND RESYNC', 'EVENT HISTORY AND DROPS', 'ENVIRONMENT VARIABLES', 'SECURITY') {
        Get-Help about_AmiPs | Out-String | Should -Match $_
    }
}

Describe 'Dependency isolation' -Tag CI {
    # In a new pwsh, a stand-in module first loads Microsoft.Extensions.Logging.Abstractions 8.0 (as another module
    # might); AmiPs, built against 9.0, then imports and works, with 8.0 in the default context and 9.0 in its own.
    # Without the module-private load context the import fails ("manifest definition does not match").
    It 'AmiPs works after another module loaded an older Microsoft.Extensions.Logging.Abstractions' {
        $older = Get-RestoredPackage 'microsoft.extensions.logging.abstractions/8.0.0/lib/net8.0/Microsoft.Extensions.Logging.Abstractions.dll'
        $standIn = Join-Path $TestDrive 'OtherModule.psd1'
        Set-Content $standIn "@{ ModuleVersion = '1.0'; RequiredAssemblies = @('$($older -replace "'", "''")') }"
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$standIn'
Import-Module '$ModuleManifest'
`$sim = Start-AmiSimulator
`$s = `$sim | Connect-Ami
'healthy=' + (Get-AmiStatus -Session `$s).IsHealthy
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' } |
    ForEach-Object { 'mel=' + `$_.GetName().Version + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
Disconnect-Ami -Session `$s
"@
        $run = Invoke-Pwsh -Arguments '-Command', $script
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -Match 'healthy=True'
        $run.Output | Should -Match 'mel=8\.0\.0\.0@Default'
        $run.Output | Should -Match 'mel=9\.0\.0\.0@AmiPs'
    }
}
