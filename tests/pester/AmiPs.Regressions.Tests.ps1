# Regression specs for what users type (issues 10 and 11), in real pwsh against the simulator.
# Each It fails when the fix it names is taken out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator -Name regressions
    $script:connect = @{ ComputerName = $sim.ComputerName; Port = $sim.Port; Credential = $sim.Credential }
    # Calls there talk 30 s, so a call is still up when a test hangs it up (in Asterisk the callee's dialplan, not the
    # originate's -Data, sets how long a call lasts).
    $script:long = Start-AmiSimulator -TalkTime 30 -Name longcalls
    $script:longConnect = @{ ComputerName = $long.ComputerName; Port = $long.Port; Credential = $long.Credential }
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    $sim, $long | Stop-AmiSimulator
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
        $script:a = Connect-Ami @longConnect -Name office
        $script:b = Connect-Ami @connect -Name branch   # the default session from here on
    }
    AfterAll { Get-AmiSession | Disconnect-Ami }

    It 'Get-AmiCall -Session $a | Stop-AmiCall acts on $a, not the default session' {
        $call = New-AmiCall -Session $a -Channel Local/2000@office -Application Wait -Data 30
        $found = Get-AmiCall -Session $a -Active | Where-Object Id -eq $call.Id
        $found | Should -Not -BeNullOrEmpty
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

    It 'an empty pipeline into Stop-AmiSimulator stops no simulator (only a bare Stop-AmiSimulator stops all)' {
        $spare = Start-AmiSimulator -Name spare
        try {
            @() | Stop-AmiSimulator
            (Test-AmiConnection $spare.ComputerName -Port $spare.Port -Credential $spare.Credential -Quiet) | Should -BeTrue
            (Test-AmiConnection $sim.ComputerName -Port $sim.Port -Credential $sim.Credential -Quiet) | Should -BeTrue
        }
        finally { $spare | Stop-AmiSimulator }
    }
}

Describe 'Sessions belong to their runspace (11.3)' -Tag CI {
    AfterAll { Get-AmiSession | Disconnect-Ami }

    It 'ForEach-Object -Parallel neither sees nor disconnects the caller''s sessions' {
        $mine = Connect-Ami @connect -Name mine
        $module = Join-Path (Split-Path (Get-Module AmiPs).Path) 'AmiPs.psd1'
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
        $module = Join-Path (Split-Path (Get-Module AmiPs).Path) 'AmiPs.psd1'
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
    BeforeAll { $script:s = Connect-Ami @longConnect -Name stopcall }
    AfterAll { $s | Disconnect-Ami }

    It 'a call stays up until Stop-AmiCall hangs it up' {
        $call = New-AmiCall -Session $s -Channel Local/2000@office -Application Wait -Data 30
        $answered = Wait-AmiEvent BridgeEnter -Session $s -Since $call.StartTime -Timeout 10
        $answered | Should -Not -BeNullOrEmpty
        # Without Stop-AmiCall the call is still up at the end of this test.
        Wait-AmiEvent Hangup -Session $s -Timeout 1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-AmiCall -Session $s -Id $call.Id).State | Should -Not -Be 'Ended'
        Stop-AmiCall -Session $s -Id $call.Id -Confirm:$false
        Wait-AmiEvent Hangup -Session $s -Since $call.StartTime -Timeout 10 | Should -Not -BeNullOrEmpty
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-AmiCall -Session $s -Id $call.Id).State -ne 'Ended' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-AmiCall -Session $s -Id $call.Id).State | Should -Be 'Ended'
    }
}

Describe 'Waits, wildcards and help text (10.3, 11.11, 11.12, 11.13)' -Tag CI {
    BeforeAll { $script:w = Connect-Ami @longConnect -Name waits }
    AfterAll { $w | Disconnect-Ami }

    It '<Command> -Timeout -1 is refused' -TestCases @(
        @{ Command = 'Receive-AmiEvent'; Line = { Receive-AmiEvent -Session $w -Timeout -1 } }
        @{ Command = 'Wait-AmiEvent'; Line = { Wait-AmiEvent Hangup -Session $w -Timeout -1 } }
        @{ Command = 'Invoke-AmiCommand'; Line = { Invoke-AmiCommand 'core show version' -Session $w -Timeout -1 } }
    ) {
        $err = $Line | Should -Throw -PassThru
        $err.Exception.Message | Should -Match 'negative'
    }

    It '-EventType takes wildcards' {
        $call = New-AmiCall -Session $w -Channel Local/2000@office -Application Wait -Data 30
        $bridge = Receive-AmiEvent -Session $w -EventType 'Bridge*' -Since $call.StartTime -First 1 -Timeout 10
        $bridge.Event | Should -BeLike 'Bridge*'
        (Wait-AmiEvent 'Bridge?nter' -Session $w -Since $call.StartTime -Timeout 10).Event | Should -Be 'BridgeEnter'
        Stop-AmiCall -Session $w -Id $call.Id -Confirm:$false
    }

    It 'help: -NoReconnect leaves the session Disconnected, -ConnectTimeout names itself, -First warns about drops' {
        (Get-Help Connect-Ami -Parameter NoReconnect).Description.Text | Should -Match 'Disconnected'
        (Get-Help Connect-Ami -Parameter ConnectTimeout).Description.Text | Should -Match '-ConnectTimeout 5'
        (Get-Help Receive-AmiEvent -Parameter First).Description.Text | Should -Match 'dropped'
    }
}

Describe 'A wrong password (11.7)' -Tag CI {
    BeforeAll { $script:bad = [pscredential]::new($sim.Credential.UserName, (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force)) }

    It 'Connect-Ami writes one error and no warning' {
        $out = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $bad -ErrorVariable errs -ErrorAction SilentlyContinue 3>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AmiAuthenticationFailed*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -Match 'Check the user name'
    }

    It 'Test-AmiConnection -Quiet prints only False' {
        $all = Test-AmiConnection $sim.ComputerName -Port $sim.Port -Credential $bad -Quiet *>&1
        @($all) | Should -HaveCount 1
        $all | Should -BeExactly $false
    }
}

Describe 'Error ids (10.5)' -Tag CI {
    It 'are unique and every one is documented in about_AmiPs' {
        $ids = [AmiPs.Commands.AmiErrorIds]::All.Id
        $ids.Count | Should -BeGreaterThan 15
        @($ids | Group-Object | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $about = Get-Content (Join-Path (Split-Path (Get-Module AmiPs).Path) 'en-US/about_AmiPs.help.txt') -Raw
        foreach ($id in $ids) { $about | Should -Match "\b$id\b" -Because "$id is an error id" }
    }

    It 'come only from the table (no cmdlet builds an error record of its own)' {
        $sources = Get-ChildItem (Join-Path $PSScriptRoot '../../src/AmiPs') -Filter *.cs | Where-Object Name -ne 'AmiErrorIds.cs'
        @($sources | Select-String -SimpleMatch 'new ErrorRecord(') | Should -BeNullOrEmpty
    }
}

Describe 'Views (11.9, 11.10, 11.13)' -Tag CI {
    BeforeAll {
        $script:v = Connect-Ami @longConnect -Name views
        $script:call = New-AmiCall -Session $v -Channel Local/2000@office -Application Wait -Data 30 -CallerId '"O''Brien" <1001>'
        $null = Wait-AmiEvent BridgeEnter -Session $v -Since $call.StartTime -Timeout 10
    }
    AfterAll {
        Stop-AmiCall -Session $v -Id $call.Id -Confirm:$false -ErrorAction SilentlyContinue
        $v | Disconnect-Ami
    }

    It 'at 80 columns the call Id is whole and the session and status headers do not wrap' {
        $calls = Get-AmiCall -Session $v -Id $call.Id | Out-String -Width 80
        $calls | Should -Match ([regex]::Escape($call.Id))
        foreach ($text in (Get-AmiSession views | Out-String -Width 80), (Get-AmiStatus -Session $v | Format-Table | Out-String -Width 80)) {
            $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
            $lines[1] | Should -Match '^[\s-]+$' -Because "the second line is the underline under one header line:`n$text"
        }
    }

    It 'at 80 columns a failed Test-AmiConnection shows its whole Error' {
        $result = Test-AmiConnection 127.0.0.1 -Port 1 -Credential $sim.Credential -Timeout 3
        $text = (($result | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.Substring([Math]::Min(63, $_.Length)).Trim() }) -join ' '
        ($text -replace '\s', '') | Should -Match ([regex]::Escape(($result.Error -replace '\s', '')))
    }

    It 'at 120 columns long event names are whole and O''Brien is unescaped in Detail' {
        $events = $v.GetEventHistory($call.StartTime) | Where-Object Event -in NewCallerid, NewConnectedLine, OriginateResponse
        $text = $events | Out-String -Width 120
        $text | Should -Match 'OriginateResponse'
        $text | Should -Match "O'Brien"
        $text | Should -Not -Match "O\\'Brien"
    }

    It 'calls and events from Start-Job render their Start, Time, Channel and Detail columns' {
        $module = Join-Path (Split-Path (Get-Module AmiPs).Path) 'AmiPs.psd1'
        $back = Start-Job {
            param($m, $p, $c)
            Import-Module $m
            $s = Connect-Ami 127.0.0.1 -Port $p -Credential $c
            $x = New-AmiCall -Channel Local/2000@office -Application Wait -Data 30
            $null = Wait-AmiEvent BridgeEnter -Since $x.StartTime -Timeout 10
            Get-AmiCall -Id $x.Id
            $s.GetEventHistory($x.StartTime) | Where-Object Event -eq Newchannel
        } -ArgumentList $module, $long.Port, $long.Credential | Receive-Job -Wait -AutoRemoveJob
        $backCall = $back | Where-Object { $_.pstypenames -contains 'Deserialized.AmiPs.Tracking.AmiCall' }
        $backEvents = $back | Where-Object { $_.pstypenames -contains 'Deserialized.AmiPs.Events.AmiEvent' }
        $callText = ($backCall | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ -match 'amips-' }
        $callText | Should -Match '\d\d:\d\d:\d\d' -Because 'the Start column is filled'
        $eventText = ($backEvents | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ -match 'Newchannel' } | Select-Object -First 1
        $eventText | Should -Match '^\d\d:\d\d:\d\d\.\d{3}\s+Newchannel\s+Local/2000@office\S*\s+-> 2000'
    }
}
