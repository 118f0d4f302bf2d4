# Pester 5 specs for the PBX cmdlets (endpoints, registrations, channels, server info) as users type them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator
    $script:main = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
}

Describe 'Get-AmiEndpoint' -Tag CI {
    It '<Name> is <State>, reachable: <Reachable>' -TestCases @(
        @{ Name = '1001'; State = 'Unavailable'; Reachable = $false }
        @{ Name = '1002'; State = 'Unavailable'; Reachable = $false }
        @{ Name = 'selftrunk'; State = 'Not in use'; Reachable = $true }
    ) {
        $endpoint = Get-AmiEndpoint $Name
        $endpoint.StateText | Should -Be $State
        $endpoint.IsReachable | Should -Be $Reachable
    }

    It 'gives the trunk''s round trip as a TimeSpan' {
        (Get-AmiEndpoint selftrunk).Contacts[0].RoundTrip | Should -BeOfType [TimeSpan]
    }

    It 'takes wildcards and says when a literal name is unknown' {
        (Get-AmiEndpoint 100*).Name | Should -Be @('1001', '1002')
        { Get-AmiEndpoint nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'AmiEndpointNotFound,AmiPs.Commands.GetAmiEndpointCommand'
    }

    It 'shows an endpoint that becomes unreachable as soon as the event has come' {
        $null = $sim.Simulator.Sip.MakeUnreachable('selftrunk')
        $null = Wait-AmiEvent ContactStatus -Filter { $_.ContactStatus -eq 'Unreachable' } -Since (Get-Date).AddSeconds(-5) -Timeout 5
        (Get-AmiEndpoint selftrunk).IsReachable | Should -BeFalse
        $made = [DateTimeOffset]::Now
        $null = $sim.Simulator.Sip.MakeReachable('selftrunk', 456)
        # The next spec reads the table: wait for the Reachable event (under a loaded full run it came after the read).
        $null = Wait-AmiEvent ContactStatus -Filter { $_.ContactStatus -eq 'Reachable' } -Since $made -Timeout 5
        (Get-AmiEndpoint selftrunk).IsReachable | Should -BeTrue
    }

    It 'renders one line with ToString and a table at 80 columns' {
        (Get-AmiEndpoint selftrunk).ToString() | Should -Not -Match "`n"
        Get-AmiEndpoint | Out-String -Width 80 | Should -Match 'selftrunk\s+Not in use'
    }
}

Describe 'Get-AmiRegistration' -Tag CI {
    It '<Name> is <Status>' -TestCases @(
        @{ Name = 'provider'; Status = 'Registered' }
        @{ Name = 'deadtrunk'; Status = 'Rejected' }
    ) {
        (Get-AmiRegistration $Name).Status | Should -Be $Status
    }

    It 'shows a trunk that loses its registration, and registers again' {
        $null = $sim.Simulator.Sip.LoseRegistration('provider')
        $null = Wait-AmiEvent Registry -Filter { $_.Status -eq 'Unregistered' } -Since (Get-Date).AddSeconds(-5) -Timeout 5
        (Get-AmiRegistration provider).IsRegistered | Should -BeFalse
        $null = $sim.Simulator.Sip.Register('provider')
        $null = Wait-AmiEvent Registry -Filter { $_.Status -eq 'Registered' } -Since (Get-Date).AddSeconds(-5) -Timeout 5
        (Get-AmiRegistration provider).IsRegistered | Should -BeTrue
    }

    It 'never shows a trunk password, not even through Invoke-AmiAction' {
        $text = (Invoke-AmiAction PJSIPShowRegistrationsOutbound).Events | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        $text | Should -Match 'provider-auth'
        $text | Should -Not -Match 'trunkpass|deadpass'
    }
}

Describe 'Servers differ' -Tag CI {
    It 'reads chan_sip peers on an Asterisk 20' {
        $old = Start-AmiSimulator -SipStack ChanSip
        $s20 = Connect-Ami $old.ComputerName -Port $old.Port -Credential $old.Credential
        try {
            (Get-AmiEndpoint -Session $s20).Name | Should -Be @('2001', '2002', 'selfpeer')
            (Get-AmiRegistration -Session $s20).StatusText | Should -Be 'Request Sent'
            (Get-AmiServerInfo -Session $s20).AmiVersion | Should -Be '9.0.0'
        }
        finally {
            Disconnect-Ami -Session $s20
            $old | Stop-AmiSimulator
        }
    }

    It 'says a server without SIP has none (NotInstalled), not an empty list' {
        $bare = Start-AmiSimulator -SipStack None
        $b = Connect-Ami $bare.ComputerName -Port $bare.Port -Credential $bare.Credential
        try {
            Get-AmiEndpoint -Session $b -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
            $failed[0].CategoryInfo.Category | Should -Be 'NotInstalled'
            $failed[0].Exception.Message | Should -Match 'res_pjsip'
        }
        finally {
            Disconnect-Ami -Session $b
            $bare | Stop-AmiSimulator
        }
    }
}

Describe 'Get-AmiChannel and Get-AmiServerInfo' -Tag CI {
    # -Session: the test before disconnected the default session (the bare server's), which leaves none.
    It 'lists a live call''s channels and hangs one up through the pipeline' {
        $null = $sim.Simulator.Pbx.PlaceCallAsync('5550001', '1001', 'Answered', [TimeSpan]::FromSeconds(30), 'Bob').GetAwaiter().GetResult()
        $deadline = (Get-Date).AddSeconds(10)
        while (-not (Get-AmiChannel -Session $main) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $channel = Get-AmiChannel -Session $main | Select-Object -First 1
        $channel.Duration | Should -BeOfType [TimeSpan]
        Get-AmiChannel -Session $main -LongerThan 01:00:00 | Should -BeNullOrEmpty
        $channel | Stop-AmiCall -Confirm:$false
        Wait-AmiEvent Hangup -Session $main -Since (Get-Date).AddSeconds(-10) -Timeout 10 | Should -Not -BeNullOrEmpty
    }

    It 'tells what the server has' {
        $info = Get-AmiServerInfo -Session $main
        $info.Capabilities.HasPjsip | Should -BeTrue
        $info.Uptime | Should -BeOfType [TimeSpan]
    }
}
