#!/usr/bin/env pwsh
# Get-AmiQueue over 500 members (issue 12): 20 queues of 25 members on the simulator, 5 callers waiting in each.
# Prints the time Connect-Ami takes with the QueueStatus load, and the median time of Get-AmiQueue as users run it:
# unchanged since the last read, and after a member paused (two queues re-read from the tracker).
#   pwsh bench/queues-500.ps1 [-Runs 200]      (after dotnet build AmiPs.sln -c Release)
param([int] $Runs = 200)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/AmiPs/AmiPs.psd1') -Force

$queues = foreach ($q in 0..19) {
    @{ Name = 'queue{0:D2}' -f $q; Members = foreach ($m in 0..24) { 'PJSIP/{0},{1},Agent {2}' -f (1000 + $q * 25 + $m), ($m % 3), $m } }
}
$sim = Start-AmiSimulator -Queue $queues -RingTime 3600
foreach ($q in 0..19) { foreach ($c in 1..5) { $null = $sim.Simulator.Queues.JoinCaller(('queue{0:D2}' -f $q), "5550$c", 'Caller') } }

function Median([scriptblock] $Block) {
    $times = foreach ($i in 1..$Runs) { $w = [Diagnostics.Stopwatch]::StartNew(); $null = & $Block; $w.Elapsed.TotalMilliseconds }
    ($times | Sort-Object)[[int]($times.Count / 2)]
}

$watch = [Diagnostics.Stopwatch]::StartNew()
$session = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
$connect = $watch.Elapsed.TotalMilliseconds
$members = (Get-AmiQueue).Members.Count
if ($members -ne 500) { throw "Expected 500 members, found $members." }

$unchanged = Median { Get-AmiQueue }
$afterPause = Median {
    Suspend-AmiQueueMember queue10 PJSIP/1262 -Reason bench | Out-Null
    Get-AmiQueue
}
$pauseOnly = Median { Resume-AmiQueueMember queue10 PJSIP/1262 | Out-Null }

'{0,-48} {1,10:N1} ms' -f 'Connect-Ami (login + QueueStatus of 500 members)', $connect
'{0,-48} {1,10:N2} ms' -f 'Get-AmiQueue, 20 queues / 500 members (median)', $unchanged
'{0,-48} {1,10:N2} ms' -f 'Suspend-AmiQueueMember + Get-AmiQueue (median)', $afterPause
'{0,-48} {1,10:N2} ms' -f 'Resume-AmiQueueMember alone (median)', $pauseOnly

Disconnect-Ami
Stop-AmiSimulator
