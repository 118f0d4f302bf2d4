<#
.SYNOPSIS
    What a scheduled health check costs as a new pwsh process every time: pwsh -c 'Import-Module AmiPs; Test-AmiHealth ...'
    against a bare pwsh -c 1, over loopback to the simulator (which runs here, in this process).
.DESCRIPTION
    Runs each command -Repeat times, alternating, after one warm-up of each (the disk cache), and prints the median
    wall time of each and their difference: what import plus a full health check (every check, thresholds, log-off)
    add to starting pwsh. Run it on a quiet machine: the figure is process start-up and JIT, and CPU contention moves it.
.EXAMPLE
    pwsh -NoProfile -File bench/health-startup.ps1 -Repeat 10
#>
param(
    [int] $Repeat = 7,
    # pwsh to measure; by default the one running this script (as pwsh, or dotnet with pwsh.dll for a tool install).
    [string] $Pwsh
)

$ErrorActionPreference = 'Stop'
$module = Join-Path $PSScriptRoot '../out/AmiPs/AmiPs.psd1'
Import-Module $module
$sim = Start-AmiSimulator
$env:AMI_USERNAME = $sim.Credential.UserName
$env:AMI_PASSWORD = $sim.Credential.GetNetworkCredential().Password
$env:PSModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../out')).Path + [IO.Path]::PathSeparator + $env:PSModulePath

$exe = $Pwsh; $prefix = @()
if (-not $exe) {
    $exe = [Environment]::ProcessPath
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
}

$check = "Import-Module AmiPs; `$r = Test-AmiHealth $($sim.ComputerName) -Port $($sim.Port); if (`$r.Count -lt 7) { exit 9 }"
function Measure-Run([string] $command) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $exe @prefix -NoProfile -NonInteractive -Command $command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "'$command' exited with $LASTEXITCODE" }
    $clock.Elapsed.TotalMilliseconds
}

function Median([double[]] $values) { $sorted = $values | Sort-Object; $sorted[[int][Math]::Floor($sorted.Count / 2)] }

try {
    $null = Measure-Run '1'; $null = Measure-Run $check
    $bare = @(); $health = @()
    for ($i = 0; $i -lt $Repeat; $i++) {
        $bare += Measure-Run '1'
        $health += Measure-Run $check
    }

    $b = Median $bare; $h = Median $health
    [pscustomobject]@{
        Runs                = $Repeat
        BarePwshMs          = [Math]::Round($b)
        ImportAndHealthMs   = [Math]::Round($h)
        AddedMs             = [Math]::Round($h - $b)
        BareAllMs           = ($bare | ForEach-Object { [Math]::Round($_) }) -join ' '
        HealthAllMs         = ($health | ForEach-Object { [Math]::Round($_) }) -join ' '
    } | Format-List
}
finally {
    Stop-AmiSimulator
}
