# Calls and extensions, and -WhatIf: what changes a call is observed on the simulator's side (its ActiveCalls), not
# only in the tracker. Calls talk for a minute here (-TalkTime 60), so only a hang-up ends them within a test.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = (New-TestSession -Simulator @{ TalkTime = 60 }).Simulator
}

AfterAll { Remove-TestSessions }

Describe 'Calls' -Tag CI {
    AfterEach {
        Get-AmiCall -Active | Stop-AmiCall -Confirm:$false
        Wait-Until { $sim.ActiveCalls -eq 0 } -Because 'the simulator to have no call left'
    }

    It 'a call to <Route> ends <Disposition>' -TestCases @(
        @{ Route = 'Local/2002@office'; Disposition = 'Busy' }
        @{ Route = 'Local/2003@office'; Disposition = 'NoAnswer' }
    ) {
        $call = New-AmiCall -Channel $Route -Application Wait -Data 1 -Wait -WaitTimeout 60
        $call.Disposition | Should -Be $Disposition
        (Get-AmiCall -Id $call.Id).State | Should -Be 'Ended'
    }

    It 'New-AmiCall starts a call the simulator carries and Get-AmiCall -Active tracks' {
        $call = New-AmiCall -Channel Local/2000@office -Application Wait -Data 60
        Wait-Until { $sim.ActiveCalls -eq 1 } -Because 'the simulator to carry the call'
        Wait-Until { (Get-AmiCall -Active).Id -contains $call.Id } -Because 'the tracker to see the call'
    }

    It 'Stop-AmiCall -Id hangs up the call on the simulator' {
        $call = New-AmiCall -Channel Local/2000@office -Application Wait -Data 60
        Wait-Until { $sim.ActiveCalls -eq 1 } -Because 'the call to be up'
        Stop-AmiCall -Id $call.Id -Confirm:$false
        Wait-Until { $sim.ActiveCalls -eq 0 } -Because 'the simulator to hang the call up'
        Wait-Until { (Get-AmiCall -Id $call.Id).State -eq 'Ended' } -Because 'the tracker to end the call'
    }

    It 'Get-AmiCall -Active | Stop-AmiCall hangs up every active call of the default session' {
        1..2 | ForEach-Object { New-AmiCall -Channel Local/2000@office -Application Wait -Data 60 | Out-Null }
        Wait-Until { $sim.ActiveCalls -eq 2 } -Because 'two calls to be up'
        Get-AmiCall -Active | Stop-AmiCall -Confirm:$false
        Wait-Until { $sim.ActiveCalls -eq 0 } -Because 'the simulator to hang both up'
    }

    It 'Stop-AmiCall -Channel hangs up that channel' {
        New-AmiCall -Channel Local/2000@office -Application Wait -Data 60 | Out-Null
        Wait-Until { (Get-AmiCall -Active).Channels.Channel -like 'Local/2000@office*' } -Because 'the call legs to be tracked'
        $channel = @((Get-AmiCall -Active).Channels.Channel)[0]
        Stop-AmiCall -Channel $channel -Confirm:$false
        Wait-Until { $sim.ActiveCalls -eq 0 } -Because 'the simulator to end the call'
    }
}

Describe '-WhatIf changes nothing' -Tag CI {
    It 'New-AmiCall -WhatIf starts no call' {
        New-AmiCall -Channel Local/2000@office -Application Wait -Data 60 -WhatIf | Should -BeNullOrEmpty
        # An originate the simulator had taken would show within its step delay; Ping is answered after it.
        Invoke-AmiAction Ping | Out-Null
        $sim.ActiveCalls | Should -Be 0
        Get-AmiCall -Active | Should -BeNullOrEmpty
    }

    It 'Stop-AmiCall -WhatIf leaves the call up, for <Case>' -TestCases @(
        @{ Case = '-Id'; Stop = { param($call) Stop-AmiCall -Id $call.Id -WhatIf } }
        @{ Case = 'the pipeline'; Stop = { param($call) Get-AmiCall -Active | Stop-AmiCall -WhatIf } }
        @{ Case = '-Channel'; Stop = { param($call) Stop-AmiCall -Channel @($call.Channels.Channel)[0] -WhatIf } }
    ) {
        $call = New-AmiCall -Channel Local/2000@office -Application Wait -Data 60
        Wait-Until { $sim.ActiveCalls -eq 1 -and @((Get-AmiCall -Id $call.Id).Channels).Count -gt 0 } -Because 'the call to be up'
        & $Stop (Get-AmiCall -Id $call.Id)
        Invoke-AmiAction Ping | Out-Null
        $sim.ActiveCalls | Should -Be 1
        (Get-AmiCall -Id $call.Id).IsActive | Should -BeTrue
        Stop-AmiCall -Id $call.Id -Confirm:$false
        Wait-Until { $sim.ActiveCalls -eq 0 } -Because 'the call to end'
    }
}

Describe 'Extensions' -Tag CI {
    It 'lists the hinted extensions with their states' {
        $extensions = Get-AmiExtension
        $extensions.Exten | Should -Contain '1001'
        $extensions[0].StatusText | Should -Not -BeNullOrEmpty
    }

    It 'Get-AmiExtension -Exten picks one' {
        (Get-AmiExtension -Exten 1001).Exten | Should -Be '1001'
    }
}
