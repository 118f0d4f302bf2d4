<#
.SYNOPSIS
    Watches calls and extension changes live, one line each, for -Duration seconds (or until Ctrl+C).
.DESCRIPTION
    Shows the calls already up, then new channels, dials, hang-ups and extension state changes as they happen,
    and ends with a summary of the calls seen.
.EXAMPLE
    ./Watch-Calls.ps1 -ComputerName pbx01 -Credential $cred -Duration 600
.EXAMPLE
    pwsh -File examples/Watch-Calls.ps1 -Duration 5
#>
[CmdletBinding()]
param(
    [string] $ComputerName,
    [int] $Port,
    [pscredential] $Credential,
    [double] $Duration = 60
)

$ErrorActionPreference = 'Stop'
$connect = @{}
foreach ($name in 'ComputerName', 'Port', 'Credential') {
    if ($PSBoundParameters.ContainsKey($name)) { $connect[$name] = $PSBoundParameters[$name] }
}

$session = Connect-Ami @connect -Name watch
try {
    $since = [DateTimeOffset]::Now
    foreach ($call in Get-AmiCall -Session $session -Active) {
        Write-Output ('{0:HH:mm:ss} up       {1}' -f $call.StartTime.LocalDateTime, $call)
    }

    Receive-AmiEvent -Session $session -EventType Newchannel, DialBegin, Hangup, ExtensionStatus -Timeout $Duration | ForEach-Object {
        $e = $_
        $detail = switch ($e.Event) {
            'Newchannel'      { '{0} calls {1}' -f $e.GetField('CallerIDNum'), $e.GetField('Exten') }
            'DialBegin'       { '{0} -> {1}' -f $e.GetField('Channel'), $e.GetField('DestChannel') }
            'Hangup'          { '{0} ({1})' -f $e.GetField('Channel'), $e.GetField('Cause-txt') }
            'ExtensionStatus' { 'extension {0} is {1}' -f $e.GetField('Exten'), $e.GetField('StatusText') }
        }
        Write-Output ('{0:HH:mm:ss} {1,-15} {2}' -f $e.Time.LocalDateTime, $e.Event, $detail)
    }

    $seen = @(Get-AmiCall -Session $session | Where-Object { $_.StartTime -ge $since })
    $summary = ($seen | Group-Object Disposition | ForEach-Object { '{0} {1}' -f $_.Count, $_.Name }) -join ', '
    Write-Output ('{0} calls in {1} s{2}' -f $seen.Count, $Duration, $(if ($summary) { ': ' + $summary } else { '' }))
}
finally {
    Disconnect-Ami -Session $session
}
