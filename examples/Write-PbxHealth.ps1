<#
.SYNOPSIS
    A scheduled job: records the PBX's health and call counts as one JSON line, and exits 1 when the PBX is unhealthy.
.DESCRIPTION
    Run it every few minutes from cron or Task Scheduler. It connects, lets the session load the live calls and
    extension states, samples traffic for -SampleSeconds, and appends one JSON object per run to -Path (or writes it
    to the output when -Path is not given). Exit codes: 0 healthy, 1 unhealthy (not reachable, login refused, or
    too many unavailable extensions).
.EXAMPLE
    ./Write-PbxHealth.ps1 -ComputerName pbx01 -Credential $cred -Path /var/log/pbx-health.jsonl
.EXAMPLE
    pwsh -File examples/Write-PbxHealth.ps1 -SampleSeconds 2
#>
[CmdletBinding()]
param(
    [string] $ComputerName,
    [int] $Port,
    [pscredential] $Credential,
    [string] $Path,
    [double] $SampleSeconds = 5,
    # Unhealthy when more than this many hinted extensions are Unavailable.
    [int] $MaxUnavailable = 0
)

$ErrorActionPreference = 'Stop'
$connect = @{}
foreach ($name in 'ComputerName', 'Port', 'Credential') {
    if ($PSBoundParameters.ContainsKey($name)) { $connect[$name] = $PSBoundParameters[$name] }
}

function Write-Record($record) {
    $json = $record | ConvertTo-Json -Compress -Depth 4
    if ($Path) { Add-Content -LiteralPath $Path -Value $json } else { Write-Output $json }
}

$started = [DateTimeOffset]::Now
$probe = Test-AmiConnection @connect -Timeout 10
if (-not $probe.Success) {
    Write-Record ([ordered]@{ time = $started.ToString('o'); healthy = $false; error = $probe.Error; errorId = $probe.ErrorId })
    exit 1
}

$session = Connect-Ami @connect -NoReconnect -Name health-job
try {
    Start-Sleep -Milliseconds ([int]($SampleSeconds * 1000))
    $status = Get-AmiStatus -Session $session
    $calls = @(Get-AmiCall -Session $session)
    $extensions = @(Get-AmiExtension -Session $session)
    $unavailable = @($extensions | Where-Object StatusText -eq 'Unavailable').Count
    $healthy = $status.IsHealthy -and $unavailable -le $MaxUnavailable
    Write-Record ([ordered]@{
        time               = $started.ToString('o')
        healthy            = $healthy
        amiVersion         = $status.AmiVersion
        loginMs            = [math]::Round($probe.LoginTime.TotalMilliseconds, 1)
        pingMs             = [math]::Round($probe.PingRoundTrip.TotalMilliseconds, 1)
        activeCalls        = @($calls | Where-Object State -ne 'Ended').Count
        completedCalls     = @($calls | Where-Object State -eq 'Ended').Count
        answeredCalls      = @($calls | Where-Object Disposition -eq 'Answered').Count
        extensions         = $extensions.Count
        unavailable        = $unavailable
        eventsReceived     = $status.EventsReceived
        eventsDropped      = $status.EventsDropped
    })
    if ($healthy) { exit 0 } else { exit 1 }
}
finally {
    Disconnect-Ami -Session $session
}
