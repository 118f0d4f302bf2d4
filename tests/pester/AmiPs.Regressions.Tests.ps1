# Regression specs for what users type (issues 10 and 11), in real pwsh against the simulator.
# Each It fails when the fix it names is taken out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator -Name regressions
    $script:connect = @{ ComputerName = $sim.ComputerName; Port = $sim.Port; Credential = $sim.Credential }
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    $sim | Stop-AmiSimulator
}

Describe 'Connection parameters and environment variables (10.6, 10.7, 11.6)' -Tag CI {
    AfterEach {
        Get-AmiSession | Disconnect-Ami
        Remove-Item Env:AMI_PORT, Env:AMI_MAX_RECONNECT_ATTEMPTS, Env:AMI_CONNECTION_TIMEOUT -ErrorAction SilentlyContinue
    }

    It 'a parameter beats a malformed <Variable> (the variable is not read)' -TestCases @(
        @{ Variable = 'AMI_PORT'; Extra = @{} }
        @{ Variable = 'AMI_MAX_RECONNECT_ATTEMPTS'; Extra = @{ MaxReconnectAttempts = 3 } }
        @{ Variable = 'AMI_CONNECTION_TIMEOUT'; Extra = @{ ConnectTimeout = 5 } }
    ) {
        Set-Item "Env:$Variable" 'abc'
        $s = Connect-Ami @connect @Extra -ErrorAction Stop
        $s.State | Should -Be 'Connected'
        (Test-AmiConnection @connect -Quiet) | Should -BeTrue
    }

    It 'AMI_PORT=<Value> without -Port is an error that names the variable' -TestCases @(
        @{ Value = 'abc' }, @{ Value = '99999' }, @{ Value = '0' }
    ) {
        $env:AMI_PORT = $Value
        { Connect-Ami $sim.ComputerName -Credential $sim.Credential -ErrorAction Stop } | Should -Throw -ExpectedMessage '*AMI_PORT*'
        $err = { Test-AmiConnection $sim.ComputerName -Credential $sim.Credential } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike '*AMI_PORT*'
    }

    It 'AMI_MAX_RECONNECT_ATTEMPTS=abc without the parameter names the variable' {
        $env:AMI_MAX_RECONNECT_ATTEMPTS = 'abc'
        { Connect-Ami @connect -ErrorAction Stop } | Should -Throw -ExpectedMessage '*AMI_MAX_RECONNECT_ATTEMPTS*'
    }

    It 'Test-AmiConnection loads nothing after login (a light session)' {
        $DebugPreference = 'Continue'
        $debug = Test-AmiConnection @connect 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -Not -Match 'Loading extension states'
        # The same session options with tracking on would load them: the check above can see a resync.
        $full = Connect-Ami @connect 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($full.Message -join "`n") | Should -Match 'Loading extension states'
    }
}
