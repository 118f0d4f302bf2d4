<#
.SYNOPSIS
    Builds, tests, demonstrates and packages AmiPs. Runs in pwsh 7.6.9 from the repository's tool manifest.
.DESCRIPTION
    Build    dotnet build AmiPs.sln: the module layout in out/AmiPs.
    Test     Build, the xUnit suite (dotnet test), then the Pester suite (tests/pester, tag CI) in this pwsh;
             fails when either suite fails. Pester's NUnit XML result is written to out/pester-results.xml, the
             names of the failed tests of both suites to out/test-failures.txt (and printed at the end).
    Pester   Build, then the Pester suite only.
    Demo     Build, then examples/Demo.ps1 against the built-in simulator, in a new pwsh process.
    Package  dotnet pack: out/packages/AmiPs.<version>.nupkg.
    Clean    Removes out/ and the build outputs.
    Pester 5.7.1 comes from NuGet through build/Tools.proj (dotnet restore), not from the PowerShell Gallery.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'AmiPs.sln'
$out = Join-Path $root 'out'

function Invoke-Dotnet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

# This pwsh as a command line: `dotnet pwsh` runs pwsh.dll through the dotnet host, an installed pwsh is its own executable.
. (Join-Path $PSScriptRoot 'build/PwshCommand.ps1')

# Pester is a PackageDownload of build/Tools.proj; the restore's assets file says which packages folder it landed in.
function Get-PesterManifest {
    $tools = Join-Path $root 'build/Tools.proj'
    Invoke-Dotnet restore $tools --verbosity quiet
    $assets = Get-Content -Raw (Join-Path $root 'build/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    foreach ($folder in $assets.packageFolders.Keys) {
        $manifest = Join-Path $folder 'pester/5.7.1/tools/Pester.psd1'
        if (Test-Path $manifest) { return $manifest }
    }
    throw "Pester 5.7.1 is not in the packages folders restored for $tools"
}

function Invoke-BuildTask { Invoke-Dotnet build $solution -c $Configuration }

# The failed tests of both suites, one name and the first line of its message each; written to out/test-failures.txt
# and printed again at the end of the run, where a CI log's tail shows them.
$failuresFile = Join-Path $out 'test-failures.txt'
$xunitResults = Join-Path $out 'xunit-results'

function Get-XunitFailure {
    foreach ($trx in Get-ChildItem -Path $xunitResults -Filter '*.trx' -ErrorAction SilentlyContinue) {
        $xml = [xml](Get-Content -Raw $trx.FullName)
        foreach ($result in $xml.TestRun.Results.UnitTestResult | Where-Object outcome -eq 'Failed') {
            $message = "$($result.Output.ErrorInfo.Message)".Trim() -split "`r?`n" | Select-Object -First 1
            "xUnit  $($result.testName): $message"
        }
    }
}

function Get-PesterFailure([object] $Result) {
    foreach ($test in $Result.Failed) {
        $message = "$($test.ErrorRecord | Select-Object -First 1)".Trim() -split "`r?`n" | Select-Object -First 1
        if (-not $message) { $message = 'its block failed (below)' }
        "Pester $($test.ExpandedPath): $message"
    }
    foreach ($block in @($Result.FailedBlocks) + @($Result.FailedContainers)) {
        if ($block) { "Pester $($block.Name): $($block.ErrorRecord | Select-Object -First 1)" }
    }
}

# Returns whether the suite passed, so that Test runs Pester after a failing xUnit run and still fails.
function Invoke-XunitSuite {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $xunitResults
    & dotnet test $solution -c $Configuration --no-build --logger trx --results-directory $xunitResults | Out-Host
    $LASTEXITCODE -eq 0
}

# Returns Pester's result object: whether it passed, and what failed (Get-PesterFailure).
function Invoke-PesterSuite {
    Import-Module (Get-PesterManifest) -Force
    New-Item -ItemType Directory -Force $out | Out-Null
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/pester'
    $config.Run.PassThru = $true
    $config.Filter.Tag = 'CI'
    $config.Output.Verbosity = 'Detailed'
    if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' } # CI logs: no colour codes
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = Join-Path $out 'pester-results.xml'
    $result = Invoke-Pester -Configuration $config
    # One line .ci/run reads (and people can grep for), whatever Pester's own summary looks like.
    Write-Host "Pester: $($result.PassedCount) passed, $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount) failed, $($result.SkippedCount) skipped"
    $result
}

function Write-TestFailure([string[]] $Failure) {
    New-Item -ItemType Directory -Force $out | Out-Null
    Set-Content -Path $failuresFile -Value $Failure
    if ($Failure.Count -gt 0) {
        Write-Host "Failed tests ($($Failure.Count)), also in $($failuresFile):"
        $Failure | ForEach-Object { Write-Host "  $_" }
    }
}

function Invoke-TestTask {
    Invoke-BuildTask
    $xunit = Invoke-XunitSuite
    $result = Invoke-PesterSuite
    $pester = $result.Result -eq 'Passed'
    Write-TestFailure (@(Get-XunitFailure) + @(Get-PesterFailure $result))
    if (-not ($xunit -and $pester)) { throw "Test failed: xUnit $(if ($xunit) { 'passed' } else { 'FAILED' }), Pester $(if ($pester) { 'passed' } else { 'FAILED' })" }
}

function Invoke-PesterTask {
    Invoke-BuildTask
    $result = Invoke-PesterSuite
    Write-TestFailure @(Get-PesterFailure $result)
    if ($result.Result -ne 'Passed') { throw 'Pester tests failed' }
}

# A process of its own, as a user runs it: the demo's exit code is its verdict.
function Invoke-DemoTask {
    Invoke-BuildTask
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -File (Join-Path $root 'examples/Demo.ps1')
    if ($LASTEXITCODE -ne 0) { throw "examples/Demo.ps1 failed with exit code $LASTEXITCODE" }
}

function Invoke-PackageTask { Invoke-Dotnet pack (Join-Path $root 'src/AmiPs/AmiPs.csproj') -c $Configuration -o (Join-Path $out 'packages') }

function Invoke-CleanTask {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out
    Invoke-Dotnet clean $solution -c $Configuration
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Pester' { Invoke-PesterTask }
    'Demo' { Invoke-DemoTask }
    'Package' { Invoke-PackageTask }
    'Clean' { Invoke-CleanTask }
}
