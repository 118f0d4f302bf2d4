<#
.SYNOPSIS
    What a scheduled check costs as a new pwsh process every time: pwsh -c 'Import-Module AmiPs' and
    pwsh -c 'Import-Module AmiPs; Test-AmiHealth ...' against a bare pwsh -c 1, over loopback to the simulator (which
    runs here, in this process).
.DESCRIPTION
    Runs the three commands -Repeat times, interleaved, after one warm-up of each (the disk cache), and prints for each
    the median wall time and the median CPU time of the child process (user + system, from the shell's `times`; steadier
    than wall time on a shared machine), and what import alone and import plus a full health check (every check,
    thresholds, log-off) add to starting pwsh. CPU time needs bash (Linux, macOS); elsewhere only wall time is shown.
    The same runs import bench/MinimalModule (one cmdlet, no type or format data; built here into out/minimal): what
    PowerShell's import machinery costs any binary module, so the rest of AmiPs's import is AmiPs's own.
    The child's environment is this one: set POWERSHELL_TELEMETRY_OPTOUT=1 before running it to see what PowerShell's
    own telemetry costs at module import (the targets are measured without it).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/health-startup.ps1 -Repeat 9
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/health-startup.ps1 -Module out/il/AmiPs   # another copy of the module folder
#>
param(
    [int] $Repeat = 7,
    # pwsh to measure; by default the one running this script (as pwsh, or dotnet with pwsh.dll for a tool install).
    [string] $Pwsh,
    # The module folder to measure (its parent goes first on the child's PSModulePath); by default out/AmiPs.
    [string] $Module = (Join-Path $PSScriptRoot '../out/AmiPs'),
    # A second module folder measured in the same runs, interleaved (imported by its manifest's path), e.g. an IL-only copy.
    [string] $Compare
)

$ErrorActionPreference = 'Stop'
$Module = (Resolve-Path $Module).Path
Import-Module (Join-Path $PSScriptRoot '../out/AmiPs/AmiPs.psd1')
$sim = Start-AmiSimulator
$env:AMI_USERNAME = $sim.Credential.UserName
$env:AMI_PASSWORD = $sim.Credential.GetNetworkCredential().Password
$env:PSModulePath = (Split-Path $Module) + [IO.Path]::PathSeparator + $env:PSModulePath

$exe = $Pwsh; $prefix = @()
if (-not $exe) {
    $exe = [Environment]::ProcessPath
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
}
$bash = if (-not $IsWindows) { (Get-Command bash -CommandType Application -ErrorAction Ignore | Select-Object -First 1).Source }

# The floor: PowerShell's import of the smallest binary module.
$minimal = Join-Path $PSScriptRoot '../out/minimal/MinimalModule'
& dotnet build (Join-Path $PSScriptRoot 'MinimalModule/MinimalModule.csproj') -c Release -o $minimal -nologo -v q | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'bench/MinimalModule did not build' }
# Imported by name, as AmiPs is (finding a module by name on PSModulePath is part of what PowerShell's import costs),
# from the folder right after AmiPs's.
$paths = [Collections.Generic.List[string]] ($env:PSModulePath -split [IO.Path]::PathSeparator)
$paths.Insert(1, (Split-Path (Resolve-Path $minimal).Path))
$env:PSModulePath = $paths -join [IO.Path]::PathSeparator

$commands = [ordered]@{
    Bare    = '1'
    Minimal = 'Import-Module MinimalModule'
    Import  = 'Import-Module AmiPs'
    Health  = "Import-Module AmiPs; `$r = Test-AmiHealth $($sim.ComputerName) -Port $($sim.Port); if (`$r.Count -lt 7) { exit 9 }"
}
if ($Compare) {
    $other = "'" + ((Join-Path (Resolve-Path $Compare).Path 'AmiPs.psd1') -replace "'", "''") + "'"
    $commands.CompareImport = "Import-Module $other"
    $commands.CompareHealth = "Import-Module $other; `$r = Test-AmiHealth $($sim.ComputerName) -Port $($sim.Port); if (`$r.Count -lt 7) { exit 9 }"
}

# One run: wall ms, and the child's CPU ms (user + system) where bash can report it.
function Measure-Run([string] $command) {
    $arguments = @($prefix) + @('-NoProfile', '-NonInteractive', '-Command', $command)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    if ($bash) {
        # `times` prints the shell's own user/system time, then its children's: the second line is pwsh's.
        $report = & $bash -c '"$@" >/dev/null; status=$?; times; exit $status' amips-bench $exe @arguments
        $status = $LASTEXITCODE
        $wall = $clock.Elapsed.TotalMilliseconds
        $cpu = 0.0
        foreach ($part in ($report[-1] -split '\s+')) {
            if ($part -match '^(\d+)m([\d.]+)s$') { $cpu += ([double] $Matches[1] * 60 + [double] $Matches[2]) * 1000 }
        }
    }
    else {
        & $exe @arguments | Out-Null
        $status = $LASTEXITCODE
        $wall = $clock.Elapsed.TotalMilliseconds
        $cpu = [double]::NaN
    }
    if ($status -ne 0) { throw "'$command' exited with $status" }
    [pscustomobject]@{ Wall = $wall; Cpu = $cpu }
}

function Median([double[]] $values) { $sorted = $values | Sort-Object; $sorted[[int][Math]::Floor($sorted.Count / 2)] }

try {
    foreach ($command in $commands.Values) { $null = Measure-Run $command }
    $runs = @{}
    foreach ($name in $commands.Keys) { $runs[$name] = [Collections.Generic.List[object]]::new() }
    for ($i = 0; $i -lt $Repeat; $i++) {
        foreach ($name in $commands.Keys) { $runs[$name].Add((Measure-Run $commands[$name])) }
    }

    $wall = @{}; $cpu = @{}
    foreach ($name in $commands.Keys) {
        $wall[$name] = Median ($runs[$name] | ForEach-Object Wall)
        $cpu[$name] = Median ($runs[$name] | ForEach-Object Cpu)
    }
    $report = [ordered]@{
        Runs                      = $Repeat
        Module                    = $Module
        BarePwshMs                = [Math]::Round($wall.Bare)
        MinimalImportAddedMs      = [Math]::Round($wall.Minimal - $wall.Bare)
        ImportAddedMs             = [Math]::Round($wall.Import - $wall.Bare)
        ImportOverMinimalMs       = [Math]::Round($wall.Import - $wall.Minimal)
        ImportAndHealthAddedMs    = [Math]::Round($wall.Health - $wall.Bare)
        BarePwshCpuMs             = [Math]::Round($cpu.Bare)
        MinimalImportAddedCpuMs   = [Math]::Round($cpu.Minimal - $cpu.Bare)
        ImportAddedCpuMs          = [Math]::Round($cpu.Import - $cpu.Bare)
        ImportOverMinimalCpuMs    = [Math]::Round($cpu.Import - $cpu.Minimal)
        ImportAndHealthAddedCpuMs = [Math]::Round($cpu.Health - $cpu.Bare)
    }
    if ($Compare) {
        $report.Compare = (Resolve-Path $Compare).Path
        $report.CompareImportAddedMs = [Math]::Round($wall.CompareImport - $wall.Bare)
        $report.CompareImportAndHealthAddedMs = [Math]::Round($wall.CompareHealth - $wall.Bare)
        $report.CompareImportAddedCpuMs = [Math]::Round($cpu.CompareImport - $cpu.Bare)
        $report.CompareImportAndHealthAddedCpuMs = [Math]::Round($cpu.CompareHealth - $cpu.Bare)
    }
    foreach ($name in $commands.Keys) {
        $report["${name}AllMs"] = ($runs[$name] | ForEach-Object { [Math]::Round($_.Wall) }) -join ' '
        $report["${name}AllCpuMs"] = ($runs[$name] | ForEach-Object { [Math]::Round($_.Cpu) }) -join ' '
    }
    [pscustomobject] $report | Format-List
}
finally {
    Stop-AmiSimulator
}
