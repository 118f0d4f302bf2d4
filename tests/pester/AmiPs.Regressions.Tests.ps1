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

Describe 'Sessions bind by object or name, ids only by their own name (11.1, 11.2, 11.13)' -Tag CI {
    BeforeAll {
        $script:a = Connect-Ami @connect -Name office
        $script:b = Connect-Ami @connect -Name branch   # the default session from here on
    }
    AfterAll { Get-AmiSession | Disconnect-Ami }

    It 'Get-AmiCall -Session $a | Stop-AmiCall acts on $a, not the default session' {
        $call = New-AmiCall -Session $a -Channel Local/2000@office -Application Wait -Data 30
        $found = Get-AmiCall -Session $a -Active | Where-Object Id -eq $call.Id
        $found | Stop-AmiCall -Confirm:$false -ErrorAction Stop
        Wait-AmiEvent Hangup -Session $a -Since $call.StartTime -Timeout 10 | Should -Not -BeNullOrEmpty
    }

    It 'Get-AmiSession office | Get-AmiCall lists that session''s calls (its Id does not bind to -Id)' {
        { Get-AmiSession office | Get-AmiCall -ErrorAction Stop } | Should -Not -Throw
        $calls = @(Get-AmiSession office | Get-AmiCall)
        $calls.Session | Select-Object -Unique | Should -BeIn @('office', $null)
    }

    It 'Get-AmiSession office | Stop-AmiCall -WhatIf does not take the session Id for a call id' {
        $err = { Get-AmiSession office | Stop-AmiCall -WhatIf -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Not -BeLike 'AmiCallNotFound*'
    }

    It '-Session takes a name' {
        (Get-AmiStatus -Session office).Name | Should -Be 'office'
        { Get-AmiStatus -Session nosuchsession -ErrorAction Stop } | Should -Throw -ExpectedMessage "*No AMI session named 'nosuchsession'*"
    }

    It 'Disconnect-Ami twice closes only the default session' {
        $extra = Connect-Ami @connect -Name extra
        Disconnect-Ami
        Disconnect-Ami
        $extra.State | Should -Be 'Disconnected'
        $a.State | Should -Be 'Connected'
        $b.State | Should -Be 'Connected'
    }
}

Describe 'Sessions belong to their runspace (11.3)' -Tag CI {
    AfterAll { Get-AmiSession | Disconnect-Ami }

    It 'ForEach-Object -Parallel neither sees nor disconnects the caller''s sessions' {
        $mine = Connect-Ami @connect -Name mine
        $module = (Get-Module AmiPs).Path
        $seen = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:module
            @(Get-AmiSession).Count
            Get-AmiSession | Disconnect-Ami
        }
        $seen | Should -Be @(0, 0)
        $mine.State | Should -Be 'Connected'
        (Get-AmiSession).Name | Should -Contain 'mine'
    }

    It 'a session connected in a runspace closes with it' {
        $module = (Get-Module AmiPs).Path
        $inner = Start-ThreadJob { Import-Module $using:module; Connect-Ami @using:connect -Name worker } | Receive-Job -Wait -AutoRemoveJob
        $inner.Name | Should -Be 'worker'
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($inner.State -ne 'Disconnected' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $inner.State | Should -Be 'Disconnected'
        (Get-AmiSession).Name | Should -Not -Contain 'worker'
    }
}

Describe 'The simulator''s secret (11.5)' -Tag CI {
    It 'is not readable from Options.Users or JSON, only from Credential' {
        $secret = $sim.Credential.GetNetworkCredential().Password
        ($sim.Simulator.Options.Users | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($secret))
        $json = $sim | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        $json | Should -Not -Match ([regex]::Escape($secret))
        $json | Should -Not -Match '"Secret"'
    }
}

Describe 'Stop-AmiCall (11.14)' -Tag CI {
    BeforeAll { $script:s = Connect-Ami @connect -Name stopcall }
    AfterAll { $s | Disconnect-Ami }

    It 'a Wait 30 call stays up until Stop-AmiCall hangs it up' {
        $call = New-AmiCall -Session $s -Channel Local/2000@office -Application Wait -Data 30
        $answered = Wait-AmiEvent BridgeEnter -Session $s -Since $call.StartTime -Timeout 10
        $answered | Should -Not -BeNullOrEmpty
        # Longer than the simulator's default talk time (100 ms): without Stop-AmiCall the call would still be up.
        Wait-AmiEvent Hangup -Session $s -Timeout 1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-AmiCall -Session $s -Id $call.Id).State | Should -Not -Be 'Ended'
        Stop-AmiCall -Session $s -Id $call.Id -Confirm:$false
        Wait-AmiEvent Hangup -Session $s -Since $call.StartTime -Timeout 10 | Should -Not -BeNullOrEmpty
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-AmiCall -Session $s -Id $call.Id).State -ne 'Ended' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-AmiCall -Session $s -Id $call.Id).State | Should -Be 'Ended'
    }
}
