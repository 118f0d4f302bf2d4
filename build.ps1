<#
.SYNOPSIS
    Builds, tests and packages AmiPs (for pwsh users; on machines without pwsh use the dotnet commands in README.md).
.EXAMPLE
    ./build.ps1 -Task Build
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Pester
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

# Each task is a thin wrapper over dotnet: the build itself (module layout in out/AmiPs) lives in the project files.
function Invoke-BuildTask { Invoke-Dotnet build (Join-Path $root 'AmiPs.sln') -c $Configuration }

function Invoke-TestTask { Invoke-Dotnet test (Join-Path $root 'AmiPs.sln') -c $Configuration }

function Invoke-PesterTask {
    Invoke-BuildTask
    Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop
    $result = Invoke-Pester -Path (Join-Path $root 'tests/pester') -Output Detailed -PassThru
    if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester tests failed" }
}

function Invoke-PackageTask { Invoke-Dotnet pack (Join-Path $root 'src/AmiPs/AmiPs.csproj') -c $Configuration -o (Join-Path $root 'out/packages') }

function Invoke-CleanTask {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'out')
    Invoke-Dotnet clean (Join-Path $root 'AmiPs.sln') -c $Configuration
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Pester' { Invoke-PesterTask }
    'Package' { Invoke-PackageTask }
    'Clean' { Invoke-CleanTask }
}
