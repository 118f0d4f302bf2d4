# Connecting, as a user first does: the session, its phases in -Verbose and Get-AmiLog, Test-AmiConnection, status JSON.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = Start-AmiSimulator
}

AfterAll { Remove-TestSessions }

Describe 'Connect-Ami' -Tag CI {
    AfterEach { Get-AmiSession | Disconnect-Ami }

    It 'connects, logs in and becomes the default session' {
        $s = Connect-Ami -ComputerName $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
        $s.State | Should -Be 'Connected'
        (Get-AmiStatus).IsHealthy | Should -BeTrue
        (Get-AmiSession).Name | Should -Be $s.Name
    }

    It 'shows the connection phases with -Verbose, without the secret' {
        $verbose = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $text = $verbose.Message -join "`n"
        $text | Should -Match 'Connecting to'
        $text | Should -Match 'Authenticated as'
        $text | Should -Not -Match ([regex]::Escape($sim.Credential.GetNetworkCredential().Password))
    }

    It 'keeps the phases in Get-AmiLog' {
        Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | Out-Null
        (Get-AmiLog).EventName | Should -Contain 'Authenticated'
    }

    It 'Test-AmiConnection reports <Case>' -TestCases @(
        @{ Case = 'success'; Port = { $sim.Port }; Success = $true; ErrorId = $null }
        @{ Case = 'a closed port'; Port = { Get-ClosedPort }; Success = $false; ErrorId = 'AmiConnectionRefused' }
    ) {
        $result = Test-AmiConnection $sim.ComputerName -Port (& $Port) -Credential $sim.Credential -Timeout 3
        $result.Success | Should -Be $Success
        $result.ErrorId | Should -Be $ErrorId
    }

    It 'Get-AmiStatus converts to JSON without the secret' {
        Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | Out-Null
        $json = Get-AmiStatus | ConvertTo-Json
        $json | Should -Match '"IsHealthy": true'
        $json | Should -Not -Match ([regex]::Escape($sim.Credential.GetNetworkCredential().Password))
    }
}
