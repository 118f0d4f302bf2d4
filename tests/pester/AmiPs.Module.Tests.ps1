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

Describe 'ReadyToRun images' -Tag CI {
    # The build puts a ReadyToRun image of AmiPs.Core per OS and CPU in Dependencies/<rid>/ (build/ReadyToRun.targets);
    # the loader takes the one of this process on PowerShell 7.6 and the IL copy anywhere else.
    BeforeAll {
        $script:moduleBase = Split-Path $ModuleManifest
        $script:rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $script:runtimes = @('linux-x64', 'linux-arm64', 'win-x64', 'osx-x64', 'osx-arm64')
        # Which Core a new pwsh loaded, and that the module works there (a health check against the simulator).
        $script:probe = @'
$ErrorActionPreference = 'Stop'
Import-Module '{0}'
$core = [AmiPs.Events.AmiEvent].Assembly
'core=' + $core.Location
'context=' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name
$sim = Start-AmiSimulator
'checks=' + @(Test-AmiHealth $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | Where-Object Status -eq 'Ok').Count
$sim | Stop-AmiSimulator
'@
        # Whether a file is a ReadyToRun image (it has a managed native header), and its module version id.
        function Get-ImageInfo([string] $path) {
            $stream = [IO.File]::OpenRead($path)
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                [pscustomobject]@{
                    ReadyToRun = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
                    Mvid       = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid)
                }
            }
            finally { $stream.Dispose() }
        }
    }

    It 'the module folder has an image for each of <_>, with the metadata of the IL copy' -ForEach @(, @('linux-x64', 'linux-arm64', 'win-x64', 'osx-x64', 'osx-arm64')) {
        $il = Get-ImageInfo (Join-Path $moduleBase 'Dependencies/AmiPs.Core.dll')
        $il.ReadyToRun | Should -BeFalse -Because 'the IL copy serves Windows PowerShell 5.1 and every other runtime'
        foreach ($runtime in $_) {
            $image = Get-ImageInfo (Join-Path $moduleBase "Dependencies/$runtime/AmiPs.Core.dll")
            $image.ReadyToRun | Should -BeTrue -Because "$runtime has native code"
            $image.Mvid | Should -Be $il.Mvid -Because 'the image is the IL build compiled ahead of time, not another build'
        }
        (Get-ImageInfo (Join-Path $moduleBase 'AmiPs.dll')).ReadyToRun | Should -BeFalse -Because 'PowerShell loads the root module by path, on every edition'
    }

    It 'a new pwsh on this platform loads the image for its runtime identifier' {
        if ($rid -notin $runtimes) { Set-ItResult -Skipped -Because "the build makes no image for $rid" ; return }
        $run = Invoke-Pwsh -Arguments '-Command', ($probe -f $ModuleManifest)
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -Match ('core=' + [regex]::Escape((Join-Path $moduleBase "Dependencies/$rid/AmiPs.Core.dll")))
        $run.Output | Should -Match 'context=Default'
        $run.Output | Should -Match 'checks=[1-9]'
    }

    It 'without an image for this platform, the IL copy loads and the module works' {
        $copy = Join-Path $TestDrive 'il/AmiPs'
        Copy-Item $moduleBase $copy -Recurse
        Get-ChildItem (Join-Path $copy 'Dependencies') -Directory | Remove-Item -Recurse
        $run = Invoke-Pwsh -Arguments '-Command', ($probe -f (Join-Path $copy 'AmiPs.psd1'))
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -Match ('core=' + [regex]::Escape((Join-Path $copy 'Dependencies/AmiPs.Core.dll')) + '\s')
        $run.Output | Should -Match 'checks=[1-9]'
    }

    It 'an image for another OS or CPU in this platform''s folder is refused, and the IL copy loads instead' {
        $other = if ($rid -eq 'win-x64') { 'linux-x64' } else { 'win-x64' }
        $copy = Join-Path $TestDrive 'wrong/AmiPs'
        Copy-Item $moduleBase $copy -Recurse
        New-Item -ItemType Directory -Force (Join-Path $copy "Dependencies/$rid") | Out-Null
        Copy-Item (Join-Path $moduleBase "Dependencies/$other/AmiPs.Core.dll") (Join-Path $copy "Dependencies/$rid/AmiPs.Core.dll") -Force
        $run = Invoke-Pwsh -Arguments '-Command', ($probe -f (Join-Path $copy 'AmiPs.psd1'))
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -Match ('core=' + [regex]::Escape((Join-Path $copy 'Dependencies/AmiPs.Core.dll')) + '\s')
        $run.Output | Should -Match 'checks=[1-9]'
    }
}
