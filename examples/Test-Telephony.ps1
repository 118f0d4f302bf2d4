<#
.SYNOPSIS
    A telephony check: places a test call and exits 0 when it was answered, 1 when not, 2 when the PBX cannot be reached.
.DESCRIPTION
    For a scheduler or a monitoring system (Nagios-style exit codes). Connects, calls -Channel and, once answered,
    runs Wait for -HoldSeconds; waits for the call to end and reads its disposition (Answered, Busy, NoAnswer, Failed).
    The host and credential come from the parameters or from AMI_HOST, AMI_PORT, AMI_USERNAME and AMI_PASSWORD.
.EXAMPLE
    ./Test-Telephony.ps1 -ComputerName pbx01 -Credential (Get-Credential) -Channel PJSIP/1001
.EXAMPLE
    pwsh -File examples/Test-Telephony.ps1 -Channel Local/2000@office
#>
[CmdletBinding()]
param(
    [string] $ComputerName,
    [int] $Port,
    [pscredential] $Credential,
    # The extension to test, as a channel: PJSIP/1001, or Local/2000@office to go through the dialplan.
    [Parameter(Mandatory)]
    [string] $Channel,
    [int] $HoldSeconds = 1,
    [int] $RingSeconds = 20
)

$ErrorActionPreference = 'Stop'
$connect = @{}
foreach ($name in 'ComputerName', 'Port', 'Credential') {
    if ($PSBoundParameters.ContainsKey($name)) { $connect[$name] = $PSBoundParameters[$name] }
}

try {
    # No warning: a monitoring plugin's first line is its status; the error below carries the same text.
    $session = Connect-Ami @connect -NoReconnect -Name telephony-check -WarningAction SilentlyContinue
}
catch {
    Write-Output "UNKNOWN - cannot reach the PBX: $($_.Exception.Message)"
    exit 2
}

try {
    $call = New-AmiCall -Session $session -Channel $Channel -Application Wait -Data $HoldSeconds -Timeout $RingSeconds -Wait -WaitTimeout ($RingSeconds + $HoldSeconds + 30)
    $line = '{0} - call to {1}: {2} after {3:mm\:ss}' -f $(if ($call.Disposition -eq 'Answered') { 'OK' } else { 'CRITICAL' }), $Channel, $call.Disposition, $call.Duration
    Write-Output $line
    if ($call.Disposition -eq 'Answered') { exit 0 } else { exit 1 }
}
catch {
    Write-Output "CRITICAL - the test call to $Channel failed: $($_.Exception.Message)"
    exit 1
}
finally {
    Disconnect-Ami -Session $session
}
