# No secret in anything a script exports: every object type through ConvertTo-Json -Depth 6 and ConvertTo-Csv, and
# the text of views and errors, scanned for the simulator's password (a fresh random one, so a hit cannot be chance).
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:credential = New-TestCredential admin
    $script:secret = $credential.GetNetworkCredential().Password
    $script:sim = (New-TestSession -Simulator @{ Credential = $credential; TalkTime = 60 } -Connect @{ Name = 'secret-scan' }).Simulator
    New-AmiCall -Channel Local/2000@office -Application Wait -Data 60 | Out-Null
    Wait-Until { @(Get-AmiCall -Active).Count -gt 0 } -Because 'an active call'
    $script:objects = [ordered] @{
        AmiSession               = { Get-AmiSession }
        AmiSessionStatus         = { Get-AmiStatus }
        AmiCall                  = { Get-AmiCall }
        AmiExtension             = { Get-AmiExtension }
        AmiLogEntry              = { Get-AmiLog }
        AmiEvent                 = { Receive-AmiEvent -Since ([DateTimeOffset]::Now.AddMinutes(-5)) -Timeout 0.5 -First 50 }
        AmiResponse              = { Invoke-AmiAction Ping }
        AmiConnectionTestResult  = { Test-AmiConnection $sim.ComputerName -Port $sim.Port -Credential $credential }
        'CLI output'             = { Invoke-AmiCommand 'core show version' }
    }
}

AfterAll { Remove-TestSessions }

Describe 'No secret in exported output' -Tag CI {
    It '<_> as JSON (-Depth 6), CSV and its view' -ForEach @('AmiSession', 'AmiSessionStatus', 'AmiCall', 'AmiExtension', 'AmiLogEntry', 'AmiEvent', 'AmiResponse', 'AmiConnectionTestResult', 'CLI output') {
        $items = @(& $objects[$_])
        $items | Should -Not -BeNullOrEmpty
        $items | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | Should -Not -Match ([regex]::Escape($secret))
        $items | ConvertTo-Csv | Should -Not -Match ([regex]::Escape($secret))
        $items | Format-List * | Out-String -Width 200 | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'a failed login''s error and warning do not echo the secret tried' {
        $wrong = New-TestCredential admin
        $tried = $wrong.GetNetworkCredential().Password
        $messages = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $wrong -ErrorAction SilentlyContinue -ErrorVariable failure 3>&1 | Out-String
        $failure | Should -Not -BeNullOrEmpty
        ($failure | Out-String) + $messages + $failure[0].Exception.ToString() | Should -Not -Match ([regex]::Escape($tried))
    }

    It 'the verbose stream of a login does not carry the secret' {
        $verbose = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $credential -Name secret-verbose -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message -join "`n" | Should -Match 'Authenticated as'
        $verbose.Message -join "`n" | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'the simulator object hands the secret back only in Credential' {
        $sim | Select-Object * -ExcludeProperty Credential | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue | Should -Not -Match ([regex]::Escape($secret))
        $sim | Select-Object * -ExcludeProperty Credential | ConvertTo-Csv | Should -Not -Match ([regex]::Escape($secret))
    }
}
