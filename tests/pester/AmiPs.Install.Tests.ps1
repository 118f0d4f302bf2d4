# Install as a user does: the package from dotnet pack, a local PSResourceGet repository, Install-PSResource for the
# current user, then `Import-Module AmiPs` by name in a NEW pwsh. Both processes get a home folder of their own
# (HOME and the XDG folders), so the repository registration and the installed module land in the test's folder,
# and PSModulePath is the default one pwsh derives from that home: only an installed AmiPs can be found.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:packages = Join-Path $TestDrive 'packages'
    $script:userHome = Join-Path $TestDrive 'home'
    $script:userEnvironment = @{
        HOME = $userHome; XDG_DATA_HOME = Join-Path $userHome '.local/share'; XDG_CONFIG_HOME = Join-Path $userHome '.config'
        XDG_CACHE_HOME = Join-Path $userHome '.cache'; PSModulePath = $null
    }
    # .NET reports a special folder that does not exist as '' (PSResourceGet would then keep its store in the working folder).
    foreach ($folder in $userEnvironment.Values | Where-Object { $_ }) { New-Item -ItemType Directory -Force $folder | Out-Null }
    & dotnet pack (Join-Path $RepoRoot 'src/AmiPs/AmiPs.csproj') -c Release --no-build -o $packages --nologo | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack failed with exit code $LASTEXITCODE (build the solution in Release first)" }
}

Describe 'Install from a local repository' -Tag CI {
    It 'Install-PSResource installs AmiPs for the current user, and a new pwsh imports it by name and runs a cmdlet' {
        $install = Invoke-Pwsh -Environment $userEnvironment -Arguments '-Command', @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AmiPsLocal -Uri '$packages' -Trusted
Install-PSResource AmiPs -Repository AmiPsLocal -Scope CurrentUser -TrustRepository -Quiet
'installed=' + (Get-InstalledPSResource AmiPs -Scope CurrentUser).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because "$($install.Output)$($install.Error)"
        $install.Output | Should -Match "installed=$([regex]::Escape($userHome))"
        Join-Path $userHome '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist

        $use = Invoke-Pwsh -Environment $userEnvironment -Arguments '-Command', @'
$ErrorActionPreference = 'Stop'
Import-Module AmiPs
'base=' + (Get-Module AmiPs).ModuleBase
'core=' + [AmiPs.Events.AmiEvent].Assembly.Location
$sim = Start-AmiSimulator
'success=' + ($sim | Test-AmiConnection).Success
$sim | Stop-AmiSimulator
'@
        $use.ExitCode | Should -Be 0 -Because "$($use.Output)$($use.Error)"
        $use.Output | Should -Match "base=$([regex]::Escape($userHome))"
        $use.Output | Should -Match 'success=True'
        # The package carries the ReadyToRun images (build/ReadyToRun.targets), and the installed module uses this platform's.
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        if ($rid -in 'linux-x64', 'linux-arm64', 'win-x64', 'osx-x64', 'osx-arm64') {
            $use.Output | Should -Match ('core=' + [regex]::Escape($userHome) + '\S*' + [regex]::Escape([IO.Path]::Combine('Dependencies', $rid, 'AmiPs.Core.dll')))
        }
    }

    It 'the package holds the IL build and a ReadyToRun image of AmiPs.Core for each runtime the build targets' {
        $package = Get-ChildItem $packages -Filter 'AmiPs.*.nupkg' | Select-Object -First 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        $entries | Should -Contain 'Dependencies/AmiPs.Core.dll'
        foreach ($runtime in 'linux-x64', 'linux-arm64', 'win-x64', 'osx-x64', 'osx-arm64') {
            $entries | Should -Contain "Dependencies/$runtime/AmiPs.Core.dll"
        }
    }
}
