# Pipeline binding between the cmdlets, as users pipe them. The piped session is never the default one: the default
# session here is a second session whose simulator is gone (Disconnected), so a cmdlet that ignored its pipeline input
# and fell back to the default session would fail with AmiNotConnected or name the other session.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
}

AfterAll { Remove-TestSessions }

Describe 'Simulator and connection objects down the pipeline' -Tag CI {
    AfterEach { Get-AmiSession | Disconnect-Ami }

    It 'Start-AmiSimulator | Connect-Ami binds ComputerName, Port and Credential by property name' {
        $sim = Start-AmiSimulator
        $session = $sim | Connect-Ami
        $session.State | Should -Be 'Connected'
        $session.Port | Should -Be $sim.Port
        $session.UserName | Should -Be $sim.UserName
    }

    It 'Start-AmiSimulator | Test-AmiConnection tests that simulator' {
        $result = Start-AmiSimulator | Test-AmiConnection -Timeout 5
        $result.Success | Should -BeTrue
        $result.PingRoundTrip | Should -Not -BeNullOrEmpty
    }

    It 'Start-AmiSimulator | Stop-AmiSimulator stops the piped simulator only' {
        $keep = Start-AmiSimulator
        $gone = Start-AmiSimulator
        $gone | Stop-AmiSimulator
        (Test-AmiConnection $gone.ComputerName -Port $gone.Port -Credential $gone.Credential -Timeout 5).ErrorId | Should -Be 'AmiConnectionRefused'
        (Test-AmiConnection $keep.ComputerName -Port $keep.Port -Credential $keep.Credential -Timeout 5).Success | Should -BeTrue
    }

    It 'Test-AmiConnection | Where-Object Success | Connect-Ami -Credential connects where the test succeeded' {
        $sim = Start-AmiSimulator
        $session = Test-AmiConnection $sim.ComputerName -Port $sim.Port -Credential $sim.Credential |
            Where-Object Success | Connect-Ami -Credential $sim.Credential
        $session.State | Should -Be 'Connected'
        $session.Port | Should -Be $sim.Port
    }
}

Describe 'Get-AmiSession piped into each cmdlet acts on that session' -Tag CI {
    BeforeAll {
        $script:simA = Start-AmiSimulator -TrafficRate 20 -TalkTime 0.2
        $script:a = $simA | Connect-Ami -Name pipe-a
        $simB = Start-AmiSimulator
        $script:b = $simB | Connect-Ami -Name pipe-b -NoReconnect
        $simB | Stop-AmiSimulator
        Wait-Until { $b.State -eq 'Disconnected' } -Because 'pipe-b to notice its simulator is gone'
    }

    AfterAll { Remove-TestSessions }

    It 'the default session is the other one, which cannot act (the precondition of every test here)' {
        { Invoke-AmiAction Ping -ErrorAction Stop } | Should -Throw -ErrorId 'AmiNotConnected*'
    }

    It 'Get-AmiSession pipe-a | Get-AmiStatus' {
        $status = Get-AmiSession pipe-a | Get-AmiStatus
        $status.Name | Should -Be 'pipe-a'
        $status.IsHealthy | Should -BeTrue
    }

    It 'Get-AmiSession | Get-AmiStatus gives one status a session' {
        (Get-AmiSession | Get-AmiStatus).Name | Sort-Object | Should -Be @('pipe-a', 'pipe-b')
    }

    It 'Get-AmiSession pipe-a | Invoke-AmiAction' {
        (Get-AmiSession pipe-a | Invoke-AmiAction Ping).Response | Should -Be 'Success'
    }

    It 'Get-AmiSession pipe-a | Invoke-AmiCommand' {
        Get-AmiSession pipe-a | Invoke-AmiCommand 'core show version' | Should -Match 'Asterisk'
    }

    It 'Get-AmiSession pipe-a | Receive-AmiEvent' {
        $events = Get-AmiSession pipe-a | Receive-AmiEvent -First 3 -Timeout 20
        $events | Should -HaveCount 3
        $events.Session | Select-Object -Unique | Should -Be 'pipe-a'
    }

    It 'Get-AmiSession pipe-a | Wait-AmiEvent' {
        (Get-AmiSession pipe-a | Wait-AmiEvent Newchannel -Timeout 20).Session | Should -Be 'pipe-a'
    }

    It 'Get-AmiSession pipe-a | Get-AmiExtension' {
        $extensions = Get-AmiSession pipe-a | Get-AmiExtension
        $extensions.Exten | Should -Contain '1001'
        $extensions.Session | Select-Object -Unique | Should -Be 'pipe-a'
    }

    It 'Get-AmiSession pipe-a | Get-AmiLog' {
        $log = Get-AmiSession pipe-a | Get-AmiLog
        $log.EventName | Should -Contain 'Authenticated'
        $log.Session | Select-Object -Unique | Should -Be 'pipe-a'
    }

    It 'Get-AmiSession pipe-a | New-AmiCall' {
        $call = Get-AmiSession pipe-a | New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 -Wait -WaitTimeout 30
        $call.Session | Should -Be 'pipe-a'
        $call.Disposition | Should -Be 'Answered'
    }

    It 'Get-AmiSession pipe-a | Get-AmiCall' {
        Wait-Until { @(Get-AmiCall -Session $a).Count -gt 0 } -Because 'calls on pipe-a'
        $calls = Get-AmiSession pipe-a | Get-AmiCall
        $calls | Should -Not -BeNullOrEmpty
        $calls.Session | Select-Object -Unique | Should -Be 'pipe-a'
    }

    It 'Get-AmiCall -Active -Session pipe-long | Stop-AmiCall -WhatIf acts on pipe-long' {
        # A session of its own whose calls talk for a minute: pipe-a's calls last 0.2 s and could end between the two cmdlets.
        $long = Start-AmiSimulator -TalkTime 60
        $session = $long | Connect-Ami -Name pipe-long
        try {
            $null = New-AmiCall -Session $session -Channel Local/2000@office -Application Wait -Data 60
            Wait-Until { @(Get-AmiCall -Active -Session $session).Count -gt 0 } -Because 'an active call on pipe-long'
            $failures = $null
            Get-AmiCall -Active -Session $session | Stop-AmiCall -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -BeNullOrEmpty
            $long.ActiveCalls | Should -Be 1
        }
        finally {
            $session | Disconnect-Ami
            $long | Stop-AmiSimulator
        }
    }

    It 'Get-AmiSession pipe-b | Disconnect-Ami closes the piped session only' {
        Get-AmiSession pipe-b | Disconnect-Ami
        Get-AmiSession | ForEach-Object Name | Should -Be 'pipe-a'
        $a.State | Should -Be 'Connected'
    }

    It 'Get-AmiSession | Disconnect-Ami closes every session' {
        Get-AmiSession | Disconnect-Ami
        $a.State | Should -Be 'Disconnected'
        Get-AmiSession | Should -BeNullOrEmpty
    }
}
