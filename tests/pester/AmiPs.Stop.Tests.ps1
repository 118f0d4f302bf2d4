# Ctrl+C in real pwsh (issue 11): on Ctrl+C the console host calls Stop() on the running pipeline, which calls each
# cmdlet's StopProcessing. These tests do the same from this pwsh: the cmdlet runs in a [powershell] of its own
# (BeginInvoke), waits on a quiet stream (nothing arrives that could end it, so only StopProcessing can), and is
# stopped with BeginStop and a bounded wait. They fail if the cmdlet ignores StopProcessing (the stop times out) or
# leaves the session broken (no events after, a subscriber left behind).
#
# Why not (only) a child pwsh sent SIGINT: what it shows depends on the host, not on AmiPs. Checked with pwsh 7.6.9
# -NonInteractive -Command and redirected streams: SIGINT sent to the pwsh process itself ends it within 0.3 s with
# exit code 1 and nothing more on its output (not even a finally block's), so the session's state after the stop
# cannot be seen; sent to `dotnet pwsh` (the tool launcher, a parent process) it is not passed on and pwsh runs on;
# and a bash background job starts with SIGINT ignored. Stopping a pipeline of this process is what Ctrl+C does, and
# lets the test look at the session afterwards.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    # No generated traffic: the stream stays quiet unless a test makes a call.
    $script:sim = (New-TestSession).Simulator
    $script:session = Get-AmiSession

    # Runs $Command against $session in a new runspace of this process, waits until it has subscribed, and returns
    # the running [powershell] and its async result. The module is imported there (type data is per runspace).
    function Start-Waiting([Parameter(Mandatory)] [string] $Command) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$Session) Import-Module '$ModuleManifest'; $Command").AddArgument($session)
        $handle = $ps.BeginInvoke()
        Wait-Until { $session.GetStatus().Subscribers -eq 1 -or $handle.IsCompleted } -Because "$Command to subscribe"
        # Streams.Error is read by index: enumerating an open PSDataCollection blocks until the pipeline ends.
        $handle.IsCompleted | Should -BeFalse -Because "$Command should still be waiting: $(if ($ps.Streams.Error.Count) { $ps.Streams.Error[0] })"
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }
}

AfterAll { Remove-TestSessions }

Describe 'Ctrl+C (Stop) ends a waiting cmdlet promptly and leaves the session usable' -Tag CI {
    It '<Command> stops within 5 s of Stop(), ends its subscription, and the session still delivers events' -TestCases @(
        @{ Command = 'Receive-AmiEvent -EventType Shutdown -Session $Session' }
        @{ Command = 'Receive-AmiEvent -Session $Session | ForEach-Object { $_ }' }
        @{ Command = 'Wait-AmiEvent Shutdown -Timeout 01:00:00 -Session $Session' }
    ) {
        param($Command)
        $running = Start-Waiting $Command
        $ps = $running.PowerShell
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5)) | Should -BeTrue -Because "Stop() should end $Command (StopProcessing)"
            $ps.EndStop($stop)
            $clock.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(5))
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ended = try { $ps.EndInvoke($running.Handle); $null } catch { $_.Exception.GetBaseException() }
            $ended | Should -BeOfType [System.Management.Automation.PipelineStoppedException] -Because 'a stopped pipeline ends in PipelineStoppedException (never swallowed)'

            # The subscription is released, the session is still connected, and events still arrive, here and in the
            # runspace that was stopped.
            Wait-Until { $session.GetStatus().Subscribers -eq 0 } -Because 'the stopped cmdlet to release its subscription'
            $session.State | Should -Be 'Connected'
            $start = [DateTimeOffset]::Now
            $null = New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 -Session $session
            Wait-AmiEvent Newchannel -Since $start -Timeout 00:00:20 -Session $session | Should -Not -BeNullOrEmpty
            $ps.Commands.Clear()
            $again = $ps.AddScript('param($Session, $Since) Wait-AmiEvent Newchannel -Since $Since -Timeout 00:00:20 -Session $Session').AddArgument($session).AddArgument($start).Invoke()
            @($again).Count | Should -Be 1
            $ps.HadErrors | Should -BeFalse
        }
        finally { $ps.Dispose() }
    }
}
