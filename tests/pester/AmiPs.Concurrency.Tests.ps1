# The module in other runspaces and processes: ForEach-Object -Parallel, Start-ThreadJob and Start-Job each import it,
# connect, and hand objects back to the caller.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = Start-AmiSimulator
    # What each runspace or job runs: its own session to the simulator, its status and a CLI line back, then log off.
    $script:work = {
        param($manifest, $computer, $port, $credential, $name)
        Import-Module $manifest
        $s = Connect-Ami $computer -Port $port -Credential $credential -Name $name
        Get-AmiStatus -Session $s
        Invoke-AmiCommand 'core show version' -Session $s | Select-Object -First 1
        Disconnect-Ami -Session $s
    }
}

AfterAll { Remove-TestSessions }

Describe 'Other runspaces and processes' -Tag CI {
    It 'ForEach-Object -Parallel: each runspace connects and its status comes back' {
        $text = $work.ToString() # -Parallel takes no script block through $using:
        $results = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            & ([scriptblock]::Create($using:text)) $using:ModuleManifest $using:sim.ComputerName $using:sim.Port $using:sim.Credential "parallel-$_"
        }
        $status = $results | Where-Object { $_ -is [AmiPs.Client.AmiSessionStatus] }
        $status.Name | Sort-Object | Should -Be @('parallel-1', 'parallel-2', 'parallel-3')
        $status.IsHealthy | Should -Not -Contain $false
        @($results | Where-Object { $_ -is [string] -and $_ -match 'Asterisk' }).Count | Should -Be 3
    }

    It 'Start-ThreadJob: the job''s objects come back live' {
        $job = Start-ThreadJob -ScriptBlock $work -ArgumentList $ModuleManifest, $sim.ComputerName, $sim.Port, $sim.Credential, 'thread-job'
        $results = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $status = $results | Where-Object { $_ -is [AmiPs.Client.AmiSessionStatus] }
        $status.Name | Should -Be 'thread-job'
        $status.State | Should -Be 'Connected'
        @($results | Where-Object { $_ -is [string] -and $_ -match 'Asterisk' }) | Should -HaveCount 1
    }

    It 'Start-Job: a process of its own; the objects come back deserialized with their values' {
        $job = Start-Job -ScriptBlock $work -ArgumentList $ModuleManifest, $sim.ComputerName, $sim.Port, $sim.Credential, 'process-job'
        $results = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $status = $results | Where-Object { $_.PSObject.TypeNames -contains 'Deserialized.AmiPs.Client.AmiSessionStatus' }
        $status.Name | Should -Be 'process-job'
        $status.IsHealthy | Should -BeTrue
        "$($status.State)" | Should -Be 'Connected'
        @($results | Where-Object { $_ -is [string] -and $_ -match 'Asterisk' }) | Should -HaveCount 1
    }

    It 'Start-Job: a call that comes back renders its Start and Id columns' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $computer, $port, $credential)
            Import-Module $manifest
            $null = Connect-Ami $computer -Port $port -Credential $credential
            New-AmiCall -Channel Local/2000@office -Application Wait -Data 1 -Wait -WaitTimeout 30
        } -ArgumentList $ModuleManifest, $sim.ComputerName, $sim.Port, $sim.Credential
        $call = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $text = $call | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($call.Id))
        $text | Should -Match '\d{2}:\d{2}:\d{2}'
    }
}

Describe 'Reconnect after a simulator restart' -Tag CI {
    It 'the session goes to Reconnecting when its simulator stops and back to Connected when it returns on the same port' {
        $own = Start-AmiSimulator -Credential (New-TestCredential admin)
        $session = $own | Connect-Ami -Name restart -ReconnectDelay 0.2 -KeepAliveInterval 1
        $port = $own.Port
        $own | Stop-AmiSimulator
        Wait-Until { $session.State -eq 'Reconnecting' } -Because 'the session to see its simulator go'
        $again = Start-AmiSimulator -Port $port -Credential $own.Credential
        Wait-Until { $session.State -eq 'Connected' } -Because 'the session to reconnect' -Seconds 30
        (Get-AmiStatus -Session $session).ReconnectCount | Should -BeGreaterOrEqual 1
        (Invoke-AmiAction Ping -Session $session).Response | Should -Be 'Success'
        (Get-AmiSession restart | Select-Object -ExpandProperty StateHistory).State | Should -Contain 'Reconnecting'
        Disconnect-Ami -Session $session
        $again | Stop-AmiSimulator
    }
}
