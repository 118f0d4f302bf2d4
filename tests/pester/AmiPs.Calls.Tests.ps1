BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator
    Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | Out-Null
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
}

Describe 'Calls' -Tag CI {
    It 'a call to <Route> ends <Disposition>' -TestCases @(
        @{ Route = 'Local/2000@office'; Disposition = 'Answered' }
        @{ Route = 'Local/2002@office'; Disposition = 'Busy' }
    ) {
        $call = New-AmiCall -Channel $Route -Application Wait -Data 1 -Wait -WaitTimeout 30
        $call.Disposition | Should -Be $Disposition
        (Get-AmiCall -Id $call.Id).State | Should -Be 'Ended'
    }

    It 'Stop-AmiCall hangs up an active call' {
        $call = New-AmiCall -Channel Local/2000@office -Application Wait -Data 30
        Stop-AmiCall -Id $call.Id -Confirm:$false
        Wait-AmiEvent Hangup -Since $call.StartTime -Timeout 10 | Should -Not -BeNullOrEmpty
    }
}

Describe 'Extensions' -Tag CI {
    It 'lists the hinted extensions with their states' {
        $extensions = Get-AmiExtension
        $extensions.Exten | Should -Contain '1001'
        $extensions[0].StatusText | Should -Not -BeNullOrEmpty
    }
}
