# Every failure a user meets has a stable error id and a fitting category, and its message says what was wrong.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = (New-TestSession).Simulator
    # Accepts TCP connections and never sends the AMI banner: a connect that must time out.
    $script:silent = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $silent.Start()
}

AfterAll {
    $silent.Stop()
    Remove-TestSessions
}

Describe 'Error ids and categories' -Tag CI {
    It '<Case>: <ErrorId> (<Category>)' -TestCases @(
        @{ Case = 'connection refused'; ErrorId = 'AmiConnectionRefused'; Category = 'ConnectionError'; Message = 'refused'
            Run = { Connect-Ami 127.0.0.1 -Port (Get-ClosedPort) -Credential $sim.Credential -ErrorAction Stop } }
        @{ Case = 'connect timeout'; ErrorId = 'AmiConnectTimeout'; Category = 'OperationTimeout'; Message = 'timed out after 0.5 s'
            Run = { Connect-Ami 127.0.0.1 -Port $silent.LocalEndpoint.Port -Credential $sim.Credential -ConnectTimeout 0.5 -ErrorAction Stop } }
        @{ Case = 'authentication failed'; ErrorId = 'AmiAuthenticationFailed'; Category = 'AuthenticationError'; Message = "user 'admin'"
            Run = { Connect-Ami $sim.ComputerName -Port $sim.Port -Credential (New-TestCredential admin) -ErrorAction Stop -WarningAction SilentlyContinue } }
        @{ Case = 'no such call (Stop-AmiCall)'; ErrorId = 'AmiCallNotFound'; Category = 'ObjectNotFound'; Message = "'no-such-call'"
            Run = { Stop-AmiCall -Id no-such-call -Confirm:$false -ErrorAction Stop } }
        @{ Case = 'no such call (Get-AmiCall)'; ErrorId = 'AmiCallNotFound'; Category = 'ObjectNotFound'; Message = "'no-such-call'"
            Run = { Get-AmiCall -Id no-such-call -ErrorAction Stop } }
        @{ Case = 'CR/LF in an action field'; ErrorId = 'AmiInvalidActionField'; Category = 'InvalidArgument'; Message = "field 'Variable'.*Nothing was sent"
            Run = { Invoke-AmiAction Getvar -Parameters @{ Variable = "x`r`nAction: Logoff" } -ErrorAction Stop } }
        @{ Case = 'LF in a CLI command'; ErrorId = 'AmiInvalidActionField'; Category = 'InvalidArgument'; Message = "field 'Command'"
            Run = { Invoke-AmiCommand "core show version`nAction: Logoff" -ErrorAction Stop } }
        @{ Case = 'CR in an originate channel'; ErrorId = 'AmiInvalidActionField'; Category = 'InvalidArgument'; Message = "field 'Channel'"
            Run = { New-AmiCall -Channel "Local/2000@office`rAction: Logoff" -Application Wait -ErrorAction Stop } }
        @{ Case = 'an action the PBX refuses'; ErrorId = 'AmiActionError'; Category = 'InvalidResult'; Message = "action 'NoSuchAction'"
            Run = { Invoke-AmiAction NoSuchAction -ErrorAction Stop } }
        @{ Case = 'no event in time'; ErrorId = 'AmiWaitTimeout'; Category = 'OperationTimeout'; Message = 'UserEvent'
            Run = { Wait-AmiEvent UserEvent -Timeout 0.2 -ErrorAction Stop } }
    ) {
        $failure = { & $Run } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.Exception.Message | Should -Match $Message
    }

    It 'a refused CR/LF value sends nothing: the session stays up and logged in' {
        { Invoke-AmiAction Getvar -Parameters @{ Variable = "x`r`nAction: Logoff" } -ErrorAction Stop } | Should -Throw
        (Invoke-AmiAction Ping).Response | Should -Be 'Success'
        (Get-AmiStatus).ProtocolErrors | Should -Be 0
    }

    It 'without a session: AmiNoSession (InvalidOperation)' {
        $all = Get-AmiSession
        try {
            $all | Disconnect-Ami
            $failure = { Get-AmiStatus -ErrorAction Stop } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'AmiNoSession,*'
            $failure.CategoryInfo.Category | Should -Be 'InvalidOperation'
        }
        finally { $sim | Connect-Ami | Out-Null }
    }

    It 'a wrong secret is not retried: the session is AuthenticationFailed, not Reconnecting' {
        $session = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential (New-TestCredential admin) -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $session | Should -BeNullOrEmpty
        Get-AmiSession | Where-Object State -in 'Reconnecting', 'Connecting' | Should -BeNullOrEmpty
    }

    It 'a session whose PBX goes away is reported, not hidden; its actions fail with AmiNotConnected' {
        $other = Start-AmiSimulator
        $s = $other | Connect-Ami -NoReconnect
        $other | Stop-AmiSimulator
        Wait-Until { (Get-AmiStatus -Session $s).State -ne 'Connected' } -Because 'the session to notice'
        (Get-AmiStatus -Session $s).IsHealthy | Should -BeFalse
        $failure = { Invoke-AmiAction Ping -Session $s -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'AmiNotConnected,*'
        Disconnect-Ami -Session $s
    }

    It 'Test-AmiConnection never throws for an unreachable PBX: a result with the error id, or $false with -Quiet' {
        $result = Test-AmiConnection 127.0.0.1 -Port (Get-ClosedPort) -Credential $sim.Credential -Timeout 3 -ErrorAction Stop
        $result.Success | Should -BeFalse
        $result.ErrorId | Should -Be 'AmiConnectionRefused'
        Test-AmiConnection 127.0.0.1 -Port (Get-ClosedPort) -Credential $sim.Credential -Timeout 3 -Quiet | Should -BeFalse
    }
}

Describe 'Environment variables' -Tag CI {
    BeforeAll { $script:names = 'AMI_HOST', 'AMI_PORT', 'AMI_USERNAME', 'AMI_PASSWORD' }
    AfterEach {
        foreach ($name in $names) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
        Get-AmiSession | Where-Object Name -like 'env-*' | Disconnect-Ami
    }

    It 'Connect-Ami with no parameters reads AMI_HOST, AMI_PORT, AMI_USERNAME and AMI_PASSWORD' {
        $env:AMI_HOST = $sim.ComputerName
        $env:AMI_PORT = $sim.Port
        $env:AMI_USERNAME = $sim.UserName
        $env:AMI_PASSWORD = Get-TestSecret $sim
        $session = Connect-Ami -Name env-only
        $session.State | Should -Be 'Connected'
        $session.Port | Should -Be $sim.Port
    }

    It 'parameters win over the variables' {
        $env:AMI_HOST = 'no-such-host.invalid'
        $env:AMI_PORT = Get-ClosedPort
        $env:AMI_USERNAME = 'nobody'
        $env:AMI_PASSWORD = 'wrong'
        $session = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential -Name env-params
        $session.State | Should -Be 'Connected'
        $session.UserName | Should -Be $sim.UserName
    }

    It 'a bad AMI_PORT is an error naming the variable' {
        $env:AMI_HOST = $sim.ComputerName
        $env:AMI_PORT = 'abc'
        { Connect-Ami -Credential $sim.Credential -Name env-bad -ErrorAction Stop } | Should -Throw '*AMI_PORT*'
    }
}
