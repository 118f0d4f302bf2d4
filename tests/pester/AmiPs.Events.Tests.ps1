# The event stream: Receive-AmiEvent (live, -Since history, -First, -Timeout) and Wait-AmiEvent.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $test = New-TestSession
    $script:sim = $test.Simulator
    $script:testSession = $test.Session
}

AfterAll { Remove-TestSessions }

Describe 'Event stream' -Tag CI {
    It 'streams the events of a call' {
        $start = [DateTimeOffset]::Now
        New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 -Wait | Out-Null
        $events = Receive-AmiEvent -EventType Newchannel, Hangup -Since $start -Timeout 1
        $events.Event | Should -Contain 'Newchannel'
        $events.Event | Should -Contain 'Hangup'
    }

    It 'Wait-AmiEvent returns the first event that passes the filter' {
        $start = [DateTimeOffset]::Now
        New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 | Out-Null
        $hangup = Wait-AmiEvent Hangup -Filter { $_.GetField('Channel') -like 'Local/2000*' } -Since $start -Timeout 10
        $hangup.Event | Should -Be 'Hangup'
    }

    It 'Receive-AmiEvent -First stops the stream after that many events' {
        $generated = Start-AmiSimulator -TrafficRate 20
        $session = $generated | Connect-Ami -Name events-first
        (Receive-AmiEvent -Session $session -First 7 -Timeout 30) | Should -HaveCount 7
        Disconnect-Ami -Session $session
        $generated | Stop-AmiSimulator
    }

    It 'Receive-AmiEvent -Timeout ends a quiet stream without an error' {
        # -Session: the test before connected and disconnected a session of its own, which leaves no default.
        $events = Receive-AmiEvent -Session $testSession -EventType UserEvent -Timeout 0.5 -ErrorVariable failures
        $events | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }
}
