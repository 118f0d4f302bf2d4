<#
.SYNOPSIS
    AmiPs's main job in one script, with no PBX: start the built-in AMI simulator, connect, show the session's health,
    run a CLI command, stream live typed events, list calls and extensions, disconnect.

.DESCRIPTION
    Runs with pwsh (Import-Module ./out/AmiPs/AmiPs.psd1 first, or let the script import it). With only the .NET SDK
    installed, the repository's tool manifest gives pwsh, and build.ps1 builds the module first:

        dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo

    The simulator gets a random secret for this run (there is no default password); the script reads it from the
    simulator's Credential property and never prints it. Exits 0 when everything worked, 1 on the first failure.

.PARAMETER TrafficRate
    Calls a second the simulator generates, so that there are events and calls to show.

.PARAMETER EventCount
    How many live events to stream before moving on (Receive-AmiEvent -First).
#>
[CmdletBinding()]
param(
    [ValidateRange(0.1, 100)]
    [double] $TrafficRate = 4,

    [ValidateRange(1, 1000)]
    [int] $EventCount = 10
)

# Any failure stops the demo (and makes the exit code 1) instead of printing a cascade of follow-up errors.
$ErrorActionPreference = 'Stop'

if (-not (Get-Module AmiPs)) {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'AmiPs' 'AmiPs.psd1')
}

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

Write-Step "Starting the built-in AMI simulator ($TrafficRate generated calls a second)"
# Calls ring half a second and talk for one, so the call table shows live and ended calls within a couple of seconds.
$sim = Start-AmiSimulator -TrafficRate $TrafficRate -RingTime 0.5 -TalkTime 1
Write-Host "Listening on $($sim.ComputerName):$($sim.Port) for user $($sim.UserName)"

try {
    Write-Step 'Connecting'
    $session = Connect-Ami 127.0.0.1 -Port $sim.Port -Credential $sim.Credential
    $session | Out-Host

    Write-Step 'Session health (Get-AmiStatus)'
    Get-AmiStatus | Out-Host

    Write-Step "A CLI command (Invoke-AmiCommand 'core show version')"
    Invoke-AmiCommand 'core show version' | Out-Host

    Write-Step "Live typed events (Receive-AmiEvent -First $EventCount -Timeout 5)"
    $events = @(Receive-AmiEvent -First $EventCount -Timeout 5)
    $events | Out-Host
    if ($events.Count -eq 0) {
        throw 'No events arrived within 5 seconds.'
    }

    # Wait (a bounded while) until some generated call has ended, so the table shows who answered and how it ended.
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (-not (Get-AmiCall -Completed) -and [DateTime]::UtcNow -lt $deadline) {
        Start-Sleep -Milliseconds 200
    }

    # Both tables come from the module's format views (AmiPs.format.ps1xml), as in pwsh.
    Write-Step 'Calls (Get-AmiCall)'
    Get-AmiCall | Sort-Object StartTime | Select-Object -Last 10 | Out-Host

    Write-Step 'Extensions (Get-AmiExtension)'
    Get-AmiExtension | Sort-Object Context, Exten | Out-Host

    Write-Step 'Disconnecting'
    Disconnect-Ami -Session $session
    Write-Host "Session $($session.Name): $($session.State)"
}
finally {
    # Also after a failure or Ctrl+C: no server left listening.
    Stop-AmiSimulator -Simulator $sim
}

Write-Step 'Done'
exit 0
