BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator
    Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | Out-Null
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
}

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

    It 'Wait-AmiEvent times out with an error' {
        { Wait-AmiEvent UserEvent -Timeout 0.5 -ErrorAction Stop } | Should -Throw -ErrorId 'AmiWaitTimeout*'
    }
}
