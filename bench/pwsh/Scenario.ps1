<#
.SYNOPSIS
    One real-pwsh benchmark process, driven by AmiPs.Throughput --pwsh (bench/run.sh pwsh): round 1 is cold (a fresh
    process, nothing JIT-compiled yet), round 2 warm (the same pipeline again in the same process).
.DESCRIPTION
    Line protocol. stdin: "start <events> <hangups>" begins a round. stdout: "ready" once the module is imported;
    "go" (from a helper runspace) once Receive-AmiEvent has subscribed, when the driver starts the flood;
    "done <json>" when the pipeline has ended, with this process's costs over the round and the moment it ended. Any other line (a warning)
    is ignored by the driver. The flood server's port, user and secret come in AMIPS_BENCH_PORT, AMIPS_BENCH_USER and
    AMIPS_BENCH_SECRET (never on a command line).
    -Ceiling times the same pipeline shape on ready-made [pscustomobject] events (built before the clock starts,
    Hangup in the flood's share), with no module and no server: the engine's own ceiling for that shape.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('out-null', 'foreach', 'where-event', 'where-cause', 'eventtype', 'latency')] [string] $Scenario,
    [int] $Rounds = 2,
    [switch] $Ceiling
)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue' # drops are read from Get-AmiStatus, not from the warning

function Get-Mark {
    $p = [System.Diagnostics.Process]::GetCurrentProcess()
    [pscustomobject]@{
        Cpu = $p.TotalProcessorTime.TotalMilliseconds
        Alloc = [GC]::GetTotalAllocatedBytes($true)
        Gen0 = [GC]::CollectionCount(0); Gen1 = [GC]::CollectionCount(1); Gen2 = [GC]::CollectionCount(2)
        Pause = [GC]::GetTotalPauseDuration().TotalMilliseconds
        JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        JitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
        Clock = [System.Diagnostics.Stopwatch]::GetTimestamp()
    }
}

# Before a warm round: wait (at most 20 s) until the JIT has compiled nothing for 300 ms. Right after round 1 the
# tiered compiler is still recompiling what PowerShell's own start-up and round 1 made hot (1,900-2,400 methods and
# 1.7-2.1 s of JIT CPU on 2 cores, the largest share System.Management.Automation's); a round started at once measures
# that backlog competing for the cores, not the pipeline. Returns what the wait saw, for the report.
function Wait-JitQuiet {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $first = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $last = $first; $quietSince = 0
    while ($clock.ElapsedMilliseconds - $quietSince -lt 300 -and $clock.Elapsed.TotalSeconds -lt 20) {
        [System.Threading.Thread]::Sleep(50)
        $now = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        if ($now -ne $last) { $last = $now; $quietSince = $clock.ElapsedMilliseconds }
    }
    @{ settleMs = $clock.ElapsedMilliseconds; settleMethods = $last - $first }
}

# With --jit-log (the driver sets DOTNET_JitStdOutFile): a method named $Name compiled now, so the JIT's log shows
# where a round starts and ends. Outside the clock at the start; just after it at the end.
$markJit = [bool] $env:DOTNET_JitStdOutFile
function Write-JitMark([string] $Name) {
    if ($markJit) { $null = [System.Linq.Expressions.Expression]::Lambda([System.Linq.Expressions.Expression]::Empty(), $Name, $null).Compile() }
}

# $Ended: the Stopwatch timestamp taken as the pipeline ended (the driver's clock for the round stops there, not when
# this report reaches it: the report's own cmdlets and its JSON are not the pipeline's work). Stopwatch timestamps are
# the system's monotonic clock, the same in both processes.
function Write-Done([int] $Round, $Before, [long] $Events, [long] $Counted, [long] $Dropped, $Extra, [long] $Ended = 0) {
    $after = Get-Mark
    Write-JitMark "Round${Round}End"
    $p = [System.Diagnostics.Process]::GetCurrentProcess()
    $result = [ordered]@{
        events = $Events; counted = $Counted; dropped = $Dropped
        seconds = ($after.Clock - $Before.Clock) / [System.Diagnostics.Stopwatch]::Frequency
        cpuMs = $after.Cpu - $Before.Cpu; allocBytes = $after.Alloc - $Before.Alloc
        gen0 = $after.Gen0 - $Before.Gen0; gen1 = $after.Gen1 - $Before.Gen1; gen2 = $after.Gen2 - $Before.Gen2
        pauseMs = $after.Pause - $Before.Pause; peakWorkingSet = $p.PeakWorkingSet64
        jitMethods = $after.JitMethods - $Before.JitMethods; jitMs = $after.JitMs - $Before.JitMs
        endClock = $Ended
    }
    if ($Extra) { foreach ($k in $Extra.Keys) { $result[$k] = $Extra[$k] } }
    [Console]::Out.WriteLine('done ' + ($result | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}

if ($Ceiling) {
    [Console]::Out.WriteLine('ready'); [Console]::Out.Flush()
    for ($round = 1; $round -le $Rounds; $round++) {
        $start = [Console]::In.ReadLine() -split ' '
        $n = [long]$start[1]; $hangups = [long]$start[2]
        $every = [math]::Max(1, [math]::Floor($n / [math]::Max(1, $hangups)))
        # Ready-made events, as many as the flood's, before the clock: only the pipeline is timed.
        $objects = [System.Collections.Generic.List[object]]::new($n)
        for ($i = 0; $i -lt $n; $i++) {
            if ($i % $every -eq 0) { $objects.Add([pscustomobject]@{ Event = 'Hangup'; Channel = "PJSIP/a-$i"; Uniqueid = "1800000000.$i"; Cause = 16 }) }
            else { $objects.Add([pscustomobject]@{ Event = 'VarSet'; Channel = "PJSIP/a-$i"; Uniqueid = "1800000000.$i"; Cause = $null }) }
        }
        $objects = $objects.ToArray()
        $settled = if ($round -gt 1) { Wait-JitQuiet } else { @{} }
        Write-JitMark "Round${round}Start"
        [GC]::Collect()
        $before = Get-Mark
        $counted = switch ($Scenario) {
            # Write-Output: a compiled cmdlet writing the objects one by one, as Receive-AmiEvent does (`$objects | Out-Null`
            # alone is compiled away by the engine and would time nothing).
            'out-null' { Write-Output $objects | Out-Null; $n }
            'foreach' { $k = 0; Write-Output $objects | ForEach-Object { $k++ }; $k }
            'where-event' { (Write-Output $objects | Where-Object Event -eq 'Hangup' | Measure-Object).Count }
            'where-cause' { (Write-Output $objects | Where-Object { $_.Cause -eq 16 } | Measure-Object).Count }
            default { throw "No ceiling for $Scenario" }
        }
        Write-Done $round $before $n $counted 0 $settled
        $objects = $null
    }
    return
}

Import-Module AmiPs
# The helper runspace says "go" once the pipeline has subscribed; opened now, so it costs nothing in the rounds.
$helperRunspace = [runspacefactory]::CreateRunspace()
$helperRunspace.Open()
$cred = [pscredential]::new($env:AMIPS_BENCH_USER, [System.Net.NetworkCredential]::new('', $env:AMIPS_BENCH_SECRET).SecurePassword)
[Console]::Out.WriteLine('ready'); [Console]::Out.Flush()
$timeout = [timespan]::FromSeconds(120)
for ($round = 1; $round -le $Rounds; $round++) {
    $start = [Console]::In.ReadLine() -split ' '
    $n = [int]$start[1]; $hangups = [int]$start[2]
    # Every pipeline at the default buffer: flow control makes the session wait for a consumer that keeps taking
    # events (TCP slows the flood), so none is dropped however slow the pipeline; the driver fails a run with drops.
    $buffer = @{}
    $session = Connect-Ami 127.0.0.1 -Port ([int]$env:AMIPS_BENCH_PORT) -Credential $cred -NoReconnect -Name bench
    $helper = [powershell]::Create()
    $helper.Runspace = $helperRunspace
    $null = $helper.AddScript({
            param($s)
            $w = [System.Diagnostics.Stopwatch]::StartNew()
            while ($s.GetStatus().Subscribers -eq 0 -and $w.Elapsed.TotalSeconds -lt 60) { [System.Threading.Thread]::Sleep(1) }
            [Console]::Out.WriteLine('go'); [Console]::Out.Flush()
        }).AddArgument($session)
    $extra = if ($round -gt 1) { Wait-JitQuiet } else { @{} }
    Write-JitMark "Round${round}Start"
    [GC]::Collect()
    $before = Get-Mark
    $async = $helper.BeginInvoke()
    $counted = switch ($Scenario) {
        'out-null' { Receive-AmiEvent -First $n -Timeout $timeout @buffer | Out-Null; -1 }
        'foreach' { $k = 0; Receive-AmiEvent -First $n -Timeout $timeout @buffer | ForEach-Object { $k++ }; $k }
        'where-event' { (Receive-AmiEvent -First $n -Timeout $timeout @buffer | Where-Object Event -eq 'Hangup' | Measure-Object).Count }
        'where-cause' { (Receive-AmiEvent -First $n -Timeout $timeout @buffer | Where-Object { $_.Cause -eq 16 } | Measure-Object).Count }
        'eventtype' { (Receive-AmiEvent -EventType Hangup -First $hangups -Timeout $timeout @buffer | Measure-Object).Count }
        'latency' {
            # Last byte on the socket (the server's Sent stamp, taken just before its write) to the object in the pipeline.
            $lat = [System.Collections.Generic.List[double]]::new($n)
            $tick = 1e6 / [System.Diagnostics.Stopwatch]::Frequency
            Receive-AmiEvent -First $n -Timeout $timeout @buffer | ForEach-Object { $lat.Add(([System.Diagnostics.Stopwatch]::GetTimestamp() - [long]$_.Sent) * $tick) }
            $sorted = $lat.ToArray(); [array]::Sort($sorted)
            $at = { param($q) $sorted[[math]::Min($sorted.Length - 1, [math]::Floor($q * $sorted.Length))] }
            $extra.p50us = & $at 0.50; $extra.p99us = & $at 0.99; $extra.maxUs = $sorted[-1]
            $sorted.Length
        }
    }
    $ended = [System.Diagnostics.Stopwatch]::GetTimestamp()
    $status = Get-AmiStatus -Session $session
    Write-Done $round $before $status.EventsReceived $counted $status.EventsDropped $extra $ended
    $null = $helper.EndInvoke($async); $helper.Dispose()
    Disconnect-Ami -Session $session
}
$helperRunspace.Dispose()
