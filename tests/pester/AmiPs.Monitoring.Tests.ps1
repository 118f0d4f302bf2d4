# Pester 5 specs for Test-AmiHealth and its formats as users run them: in jobs, in parallel runspaces, and as a plugin process.
BeforeDiscovery {
    # The examples of the monitoring help pages, one test each: a page's example that stopped working fails here.
    $script:helpExamples = foreach ($page in 'Test-AmiHealth', 'ConvertTo-AmiNagios', 'ConvertTo-AmiPrometheus', 'Export-AmiMetric', 'Start-AmiSimulator') {
        $text = Get-Content (Join-Path $PSScriptRoot "../../docs/cmdlets/$page.md") -Raw
        $examples = ($text -split '(?m)^## EXAMPLES\s*$', 2)[1] -split '(?m)^## PARAMETERS\s*$', 2 | Select-Object -First 1
        foreach ($match in [regex]::Matches($examples, '(?ms)^### (?<title>[^\r\n]+)\r?\n```powershell\r?\n(?<code>.*?)^```')) {
            @{ Page = $page; Title = $match.Groups['title'].Value.Trim(); Code = $match.Groups['code'].Value }
        }
    }
}
BeforeAll {
    # Wait-Until, Get-ClosedPort, New-TestCredential, and Invoke-Pwsh: a new pwsh process, as a scheduler starts one.
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:modulePath = Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1'
    Import-Module $modulePath -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator
    $script:plugin = Join-Path $PSScriptRoot '../../examples/check_asterisk.ps1'
    # Jobs and plugin processes read the credential as a scheduler passes it: from the environment.
    $script:savedEnv = @{ User = $env:AMI_USERNAME; Password = $env:AMI_PASSWORD; ModulePath = $env:PSModulePath }
    $env:AMI_USERNAME = $sim.Credential.UserName
    $env:AMI_PASSWORD = $sim.Credential.GetNetworkCredential().Password
    $env:PSModulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out')).Path + [IO.Path]::PathSeparator + $env:PSModulePath
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
    $env:AMI_USERNAME = $savedEnv.User
    $env:AMI_PASSWORD = $savedEnv.Password
    $env:PSModulePath = $savedEnv.ModulePath
}

Describe 'Test-AmiHealth' -Tag CI {
    It 'checks a PBX by name with the credential from AMI_USERNAME/AMI_PASSWORD' {
        $results = Test-AmiHealth $sim.ComputerName -Port $sim.Port -Check Connection, Registrations
        ($results | Where-Object Check -eq 'Connection').Status | Should -Be 'Ok'
        ($results | Where-Object Target -eq 'deadtrunk').Status | Should -Be 'Critical'
        ($results | Where-Object Target -eq 'provider').Status | Should -Be 'Ok'
    }

    It 'logs in with MD5 without loading OpenSSL, which costs a new process tens of milliseconds (Linux)' -Skip:(-not $IsLinux) {
        # A new process, as a scheduler starts one, and the client only (the simulator runs here): what it mapped is its own.
        $probe = "Import-Module AmiPs; `$r = Test-AmiHealth $($sim.ComputerName) -Port $($sim.Port) -Check Connection -AuthType MD5; " +
            "`$r.Status; (Get-Content /proc/self/maps) -match 'libssl|libcrypto|Cryptography\.Native' | Select-Object -First 1"
        $run = Invoke-Pwsh '-Command', $probe
        $run.ExitCode | Should -Be 0
        @($run.Output.Trim() -split '\r?\n') | Should -Be @('Ok')
    }

    It 'takes a fleet from Get-Content and answers each host once' {
        $list = Join-Path ([IO.Path]::GetTempPath()) "pbxes-$PID.txt"
        # 127.0.0.1 has the simulator; nothing listens on that port at the 127.0.1.x addresses.
        @('127.0.0.1') + (1..15 | ForEach-Object { "127.0.1.$_" }) | Set-Content $list
        try {
            $results = Get-Content $list | Test-AmiHealth -Port $sim.Port -Check Connection -ThrottleLimit 4 -Timeout 5
        }
        finally { Remove-Item $list }
        $results.Count | Should -Be 16
        @($results.ComputerName | Sort-Object -Unique).Count | Should -Be 16
        ($results | Where-Object ComputerName -eq '127.0.0.1').Status | Should -Be 'Ok'
        @($results | Where-Object Status -eq 'Critical').Count | Should -Be 15
    }

    It 'gives JSON with status names and ISO times' {
        $json = Test-AmiHealth $sim.ComputerName -Port $sim.Port -Check Connection | ConvertTo-Json | ConvertFrom-Json -AsHashtable
        $json.Status | Should -Be 'Ok'
        $json.Time | Should -BeOfType [datetime]
    }

    It 'returns results that survive Start-Job and still make plugin output' {
        $job = Start-Job -ScriptBlock {
            Import-Module $using:modulePath
            Test-AmiHealth $using:sim.ComputerName -Port $using:sim.Port -Check Connection, Registrations
        }
        $results = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $results[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.AmiPs.Monitoring.AmiHealthResult'
        ($results | Where-Object Target -eq 'deadtrunk').Status.ToString() | Should -Be 'Critical'
        $nagios = $results | ConvertTo-AmiNagios
        $nagios.ExitCode | Should -Be 2
        $nagios.Output | Should -Match "^AMI CRITICAL - Registrations deadtrunk: not registered"
        ($results | Format-Table | Out-String) | Should -Match 'deadtrunk\s+Critical'
    }

    It 'returns results from ForEach-Object -Parallel that export to Prometheus' {
        $port = $sim.Port; $name = $sim.ComputerName; $path = $modulePath
        $results = 1..3 | ForEach-Object -Parallel {
            Import-Module $using:path
            Test-AmiHealth $using:name -Port $using:port -Check Connection
        } -ThrottleLimit 3
        $results.Count | Should -Be 3
        $text = $results | ConvertTo-AmiPrometheus
        $lines = $text -split "`n" | Where-Object { $_ -like 'amips_check_status*' }
        $lines.Count | Should -Be 3
        $lines | ForEach-Object { $_ | Should -Match '^amips_check_status\{pbx="127\.0\.0\.1",check="Connection",target=""\} 0$' }
    }

    It 'writes metrics atomically for the textfile collector' {
        $s = Connect-Ami $sim.ComputerName -Port $sim.Port
        $file = Join-Path ([IO.Path]::GetTempPath()) "asterisk-$PID.prom"
        try {
            Test-AmiHealth -Session $s -Check Connection | Export-AmiMetric -Path $file -Session $s
            $text = Get-Content $file -Raw
            $text | Should -Match '(?m)^# TYPE asterisk_core_uptime_seconds gauge$'
            $text | Should -Match '(?m)^asterisk_pjsip_outbound_registration_status\{.*name="deadtrunk"\} 2$'
            @(Get-ChildItem (Split-Path $file) -Filter ".asterisk-$PID.prom.*.tmp" -Force).Count | Should -Be 0
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue; $s | Disconnect-Ami }
    }
}

Describe 'examples/check_asterisk.ps1' -Tag CI {
    It 'runs as a plugin process and exits <Code> for <Case>' -TestCases @(
        @{ Case = 'a healthy check'; Code = 0; Arguments = @('-Check', 'Connection,Channels', '-Warning', '50', '-Critical', '100'); Pattern = '^AMI OK - 2 checks OK on 127\.0\.0\.1 \| ' }
        @{ Case = 'a rejected trunk'; Code = 2; Arguments = @('-Check', 'Registrations'); Pattern = '^AMI CRITICAL - Registrations deadtrunk' }
        @{ Case = 'a channel level crossed'; Code = 1; Arguments = @('-Check', 'Channels', '-Warning', '0', '-Critical', '100'); Pattern = '^AMI WARNING - Channels: 0 active channels \(warning at 0\)' }
        @{ Case = 'an unknown check'; Code = 3; Arguments = @('-Check', 'Trunks'); Pattern = "^AMI UNKNOWN - Unknown check 'Trunks'" }
    ) {
        param($Case, $Code, $Arguments, $Pattern)
        $run = Invoke-Pwsh (@('-File', $plugin, '-ComputerName', $sim.ComputerName, '-Port', $sim.Port) + $Arguments)
        $run.ExitCode | Should -Be $Code
        @($run.Output -split "`n")[0] | Should -Match $Pattern
        $run.Output + $run.Error | Should -Not -Match ([regex]::Escape($env:AMI_PASSWORD))
    }

    It 'answers UNKNOWN with exit code 3 when no credential is given nor in the environment' {
        $run = Invoke-Pwsh @('-File', $plugin, '-ComputerName', $sim.ComputerName, '-Port', $sim.Port, '-Check', 'Connection') -Environment @{ AMI_USERNAME = $null; AMI_PASSWORD = $null }
        $run.ExitCode | Should -Be 3
        @($run.Output -split "`n")[0] | Should -Match '^AMI UNKNOWN - No credential: pass -Credential, or set AMI_USERNAME and AMI_PASSWORD'
    }

    It 'reports a refused login as CRITICAL with exit code 2, without the secret it tried' {
        $run = Invoke-Pwsh @('-File', $plugin, '-ComputerName', $sim.ComputerName, '-Port', $sim.Port, '-Check', 'Connection') -Environment @{ AMI_PASSWORD = 'plugin-wrong-secret' }
        $run.ExitCode | Should -Be 2
        @($run.Output -split "`n")[0] | Should -Match '^AMI CRITICAL - Connection: .*Authentication failed'
        $run.Output + $run.Error | Should -Not -Match 'plugin-wrong-secret'
    }

    It 'reports a PBX that is down as CRITICAL with exit code 2' {
        $run = Invoke-Pwsh @('-File', $plugin, '-ComputerName', '127.0.0.1', '-Port', '1', '-Check', 'Connection')
        $run.ExitCode | Should -Be 2
        @($run.Output -split "`n")[0] | Should -Match '^AMI CRITICAL - Connection: Connection to 127\.0\.0\.1:1 was refused'
    }
}

Describe 'Test-AmiHealth connection parameters with a session' -Tag CI {
    BeforeAll {
        $script:session = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
    }
    AfterAll { $session | Disconnect-Ami }

    It 'refuses -<Name> with -Session instead of ignoring it' -TestCases @(
        @{ Name = 'Port'; Given = @{ Port = 1234 } }
        @{ Name = 'Credential'; Given = @{ Credential = [pscredential]::new('someone', (ConvertTo-SecureString 'wrong' -AsPlainText -Force)) } }
        @{ Name = 'AuthType'; Given = @{ AuthType = 'Plain' } }
        @{ Name = 'UseTls'; Given = @{ UseTls = $true } }
        @{ Name = 'SkipCertificateCheck'; Given = @{ SkipCertificateCheck = $true } }
    ) {
        param($Name, $Given)
        $results = $null
        $err = { $script:results = Test-AmiHealth -Session $session -Check Connection @Given -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AmiParameterConflict,*'
        $err.Exception.Message | Should -Match "-$Name cannot be used with -Session"
        $script:results | Should -BeNullOrEmpty
    }

    It 'refuses them for a session that comes from the pipeline too' {
        { $session | Test-AmiHealth -Port 1234 -Check Connection -ErrorAction Stop } | Should -Throw -ErrorId 'AmiParameterConflict,AmiPs.Commands.TestAmiHealthCommand'
    }

    It 'still checks a piped session when no connection parameter is given' {
        $result = $session | Test-AmiHealth -Check Connection -Threshold @{ Connection = @{ Warning = 30000; Critical = 60000 } }
        $result.Status | Should -Be 'Ok'
        $result.Message | Should -Match '^ping '  # the session's own link: no new login
    }

    It 'connects anew with -Credential when a default session exists, rather than checking the default session' {
        # $session is the default one; a wrong credential given with no -ComputerName (nor -Port) must reach
        # AMI_HOST:AMI_PORT with it, not be dropped for the default session's login.
        $saved = @{ Host = $env:AMI_HOST; Port = $env:AMI_PORT }
        $env:AMI_HOST = $sim.ComputerName
        $env:AMI_PORT = $sim.Port
        try { $result = Test-AmiHealth -Credential (New-TestCredential $sim.UserName 'not-the-secret') -Check Connection }
        finally { $env:AMI_HOST = $saved.Host; $env:AMI_PORT = $saved.Port }
        $result.Status | Should -Be 'Critical'
        $result.Message | Should -Match 'Authentication failed'
    }
}

Describe 'Test-AmiHealth against the simulator in each state' -Tag CI {
    BeforeAll {
        # A PBX where all is well: up an hour, its one trunk registered, its phones reachable, an agent free.
        function script:Start-HealthySimulator([hashtable] $Extra = @{}) {
            $options = @{
                Uptime = 3600; Trunk = 'trunk-a'; Endpoint = '1001', '1002'
                Queue = @{ Name = 'support'; Members = 'Local/1001@office,0,Alice,Custom:1001' }
            }
            foreach ($key in $Extra.Keys) { $options[$key] = $Extra[$key] }
            Start-StateSimulator $options
        }
        function script:Start-StateSimulator([hashtable] $Options) {
            $started = Start-AmiSimulator @Options
            $script:stateSimulators.Add($started)
            $started
        }
        $script:stateSimulators = [System.Collections.Generic.List[object]]::new()
        # The ping round trip is not what these tests are about, and a loaded 2-core box can take over 500 ms.
        $script:slowPing = @{ Connection = @{ Warning = 30000; Critical = 60000 } }
        function script:Test-State($Simulator, [hashtable] $Parameters = @{}) {
            $threshold = $slowPing.Clone()
            if ($Parameters.Threshold) { foreach ($key in $Parameters.Threshold.Keys) { $threshold[$key] = $Parameters.Threshold[$key] } }
            $rest = $Parameters.Clone(); $rest.Remove('Threshold')
            Test-AmiHealth $Simulator.ComputerName -Port $Simulator.Port -Credential $Simulator.Credential -Timeout 10 -Threshold $threshold @rest
        }
        $script:allChecks = 'Connection', 'Uptime', 'Channels', 'LongCalls', 'Registrations', 'Endpoints', 'Queues'
    }
    AfterEach {
        # Only when there are some: Stop-AmiSimulator with no input stops every simulator, the file's $sim too.
        if ($stateSimulators.Count -gt 0) { $stateSimulators | Stop-AmiSimulator }
        $stateSimulators.Clear()
    }

    It 'a healthy PBX is OK on every check and target, exit code 0' {
        $pbx = Start-HealthySimulator
        $results = Test-State $pbx
        @($results.Check | Select-Object -Unique) | Should -Be $allChecks
        $results | ForEach-Object { "$_" } | Should -Not -Match ': (WARNING|CRITICAL|UNKNOWN) - '
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 0
    }

    It 'a trunk down is Critical, named, exit code 2' {
        $pbx = Start-HealthySimulator
        $pbx.Simulator.Sip.LoseRegistration('trunk-a', 'Rejected') | Should -BeTrue
        $results = Test-State $pbx @{ Check = 'Registrations' }
        $trunk = $results | Where-Object Target -eq 'trunk-a'
        $trunk.Status | Should -Be 'Critical'
        $trunk.Message | Should -Match 'not registered'
        ($results | ConvertTo-AmiNagios).Output | Should -Match '^AMI CRITICAL - Registrations trunk-a: not registered'
    }

    It 'an unreachable endpoint is Critical and the others stay OK' {
        $pbx = Start-HealthySimulator
        $pbx.Simulator.Sip.MakeUnreachable('1002') | Should -BeTrue
        $results = Test-State $pbx @{ Check = 'Endpoints' }
        ($results | Where-Object Target -eq '1002').Status | Should -Be 'Critical'
        ($results | Where-Object Target -eq '1001').Status | Should -Be 'Ok'
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 2
    }

    It 'callers waiting with no agent are Critical, with the longest wait in the message and the perfdata' {
        $pbx = Start-HealthySimulator
        $null = $pbx.Simulator.Queues.FillQueue('support', 2)
        $results = Test-State $pbx @{ Check = 'Queues' }
        $queue = $results | Where-Object Check -eq 'Queues'
        $queue.Target | Should -Be 'support'
        $queue.Status | Should -Be 'Critical'
        $queue.Value | Should -Be 2
        $queue.Message | Should -Match '2 callers waiting, longest \d+s, 0 of 1 members available: nobody to answer'
        ($queue.Measures | Where-Object Name -eq 'LongestWait').Unit | Should -Be 's'
        ($results | ConvertTo-AmiNagios).Output | Should -Match "'Queues support LongestWait'=\d+s;60;300;0;"
    }

    It 'a PBX just restarted is a Warning, exit code 1' {
        $pbx = Start-HealthySimulator
        (Test-State $pbx @{ Check = 'Uptime' } | Where-Object Check -eq 'Uptime').Status | Should -Be 'Ok'
        $pbx.Simulator.Faults.RestartAsync([timespan]::FromMilliseconds(50)).GetAwaiter().GetResult()
        Wait-Until { $pbx.Simulator.IsListening } -Because 'the simulator to listen again'
        $results = Test-State $pbx @{ Check = 'Uptime' }
        $uptime = $results | Where-Object Check -eq 'Uptime'
        $uptime.Status | Should -Be 'Warning'
        $uptime.Message | Should -Match '^restarted '
        $uptime.Value | Should -BeLessThan 600
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 1
    }

    It 'too many channels cross the Channels level given with -Threshold' {
        $pbx = Start-HealthySimulator
        foreach ($i in 1..2) { $null = $pbx.Simulator.Pbx.PlaceCallAsync("555000$i", '1001', 'Answered', [timespan]::FromSeconds(30)).GetAwaiter().GetResult() }
        Wait-Until { $pbx.Simulator.Pbx.ActiveChannels.Count -ge 4 } -Because 'two calls up'
        $results = Test-State $pbx @{ Check = 'Channels'; Threshold = @{ Channels = @{ Warning = 2; Critical = 4 } } }
        $channels = $results | Where-Object Check -eq 'Channels'
        $channels.Status | Should -Be 'Critical'
        $channels.Value | Should -BeGreaterOrEqual 4
        $channels.Critical | Should -Be 4
        ($results | ConvertTo-AmiNagios).Output | Should -Match "'Channels'=\d+;2;4;0;"
    }

    It 'an unreachable host is Critical and every other check still reports Unknown' {
        $results = Test-AmiHealth 127.0.0.1 -Port (Get-ClosedPort) -Credential $sim.Credential
        @($results.Check) | Should -Be $allChecks
        ($results | Where-Object Check -eq 'Connection').Status | Should -Be 'Critical'
        ($results | Where-Object Check -eq 'Connection').Message | Should -Match 'refused'
        @($results | Where-Object { $_.Check -ne 'Connection' -and $_.Status -ne 'Unknown' }).Count | Should -Be 0
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 2
    }

    It 'a wrong password is Critical and never shows the secret tried' {
        $pbx = Start-HealthySimulator
        $results = Test-AmiHealth $pbx.ComputerName -Port $pbx.Port -Credential (New-TestCredential $pbx.UserName 'wrong-secret-42') -Check Connection
        $results.Status | Should -Be 'Critical'
        $results.Message | Should -Match 'Authentication failed'
        ($results | ConvertTo-Json) + ($results | ConvertTo-AmiNagios).Output | Should -Not -Match 'wrong-secret-42'
    }

    It 'a PBX without PJSIP is Unknown for Registrations and Endpoints, saying why, exit code 3' {
        $pbx = Start-StateSimulator @{ SipStack = 'None'; Uptime = 3600 }
        $results = Test-State $pbx @{ Check = 'Registrations', 'Endpoints' }
        foreach ($check in 'Registrations', 'Endpoints') {
            $result = $results | Where-Object Check -eq $check
            $result.Status | Should -Be 'Unknown'
            $result.Message | Should -Match 'PJSIP'
        }
        ($results | Where-Object Check -eq 'Connection').Status | Should -Be 'Ok'
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 3
    }

    It 'a PBX without app_queue is Unknown for Queues, saying why, and the other checks are OK' {
        $pbx = Start-HealthySimulator @{ NoQueueModule = $true }
        $results = Test-State $pbx
        $queues = $results | Where-Object Check -eq 'Queues'
        @($queues).Count | Should -Be 1
        $queues.Status | Should -Be 'Unknown'
        $queues.Message | Should -Match 'app_queue'
        @($results | Where-Object { $_.Check -ne 'Queues' -and $_.Status -ne 'Ok' }).Count | Should -Be 0
        ($results | ConvertTo-AmiNagios).ExitCode | Should -Be 3
    }
}

Describe 'ConvertTo-AmiNagios perfdata' -Tag CI {
    BeforeAll {
        $script:pbx = Start-AmiSimulator -Uptime 3600 -Trunk 'trunk a' -Endpoint '1001'
        $null = $pbx.Simulator.Queues.FillQueue('support', 1)
        $script:results = Test-AmiHealth $pbx.ComputerName -Port $pbx.Port -Credential $pbx.Credential -Threshold @{ Connection = @{ Warning = 30000; Critical = 60000 } }
        $script:firstLine = @(($results | ConvertTo-AmiNagios).Output -split "`n")[0]
        # 'label'=value[UOM];[warn];[crit];[min];[max], label quoted, a quote in it doubled (Nagios plugin guidelines).
        $script:perfdata = [regex]::Matches(($firstLine -split ' \| ', 2)[1], "'((?:[^']|'')+)'=([-0-9.]+)([a-zA-Z%]*);([-0-9.:]*);([-0-9.:]*);([-0-9.]*);([-0-9.]*)(?: |$)") |
            ForEach-Object { [pscustomobject]@{ Label = $_.Groups[1].Value -replace "''", "'"; Value = [double] $_.Groups[2].Value; Unit = $_.Groups[3].Value; Warning = $_.Groups[4].Value; Critical = $_.Groups[5].Value } }
    }
    AfterAll { $pbx | Stop-AmiSimulator }

    It 'parses back into exactly the figures of the results, nothing left over' {
        $expected = @($results | Where-Object Value -ne $null).Count + @($results.Measures).Count
        @($perfdata).Count | Should -Be $expected
        ($firstLine -split ' \| ', 2)[1] -replace "'(?:[^']|'')+'=[-0-9.]+[a-zA-Z%]*;[-0-9.:]*;[-0-9.:]*;[-0-9.]*;[-0-9.]*", '' | Should -Match '^\s*$'
    }

    It 'gives every result with a Value its label, unit and levels' {
        foreach ($result in $results | Where-Object Value -ne $null) {
            $label = (@($result.Check, $result.Target) | Where-Object { $_ }) -join ' '
            $entry = $perfdata | Where-Object Label -eq $label
            $entry | Should -Not -BeNullOrEmpty -Because "$label has a Value"
            $entry.Value | Should -Be $result.Value
            $entry.Unit | Should -Be $result.Unit
            $entry.Warning.TrimEnd(':') | Should -Be "$($result.Warning)"
            $entry.Critical.TrimEnd(':') | Should -Be "$($result.Critical)"
        }
    }

    It 'gives the queue its longest wait, in seconds with the QueueWait levels' {
        $entry = $perfdata | Where-Object Label -eq 'Queues support LongestWait'
        $entry.Unit | Should -Be 's'
        $entry.Warning | Should -Be '60'
        $entry.Critical | Should -Be '300'
        $perfdata | Where-Object Label -eq 'Queues sales LongestWait' | Should -Not -BeNullOrEmpty
    }

    It 'uses only the units the guidelines know, and quotes a label with a space' {
        $perfdata.Unit | Where-Object { $_ -notin '', 's', 'ms', 'us', '%', 'B', 'KB', 'MB', 'TB', 'c' } | Should -BeNullOrEmpty
        $firstLine | Should -Match "'Registrations trunk a'=1;;;0;"
    }

    It 'writes a low-is-bad level (Uptime) as a range that alerts below it' {
        ($perfdata | Where-Object Label -eq 'Uptime').Warning | Should -Be '600:'
    }

    It 'keeps the longest wait after a trip through Start-Job' {
        $job = Start-Job -ScriptBlock {
            Import-Module $using:modulePath
            Test-AmiHealth $using:pbx.ComputerName -Port $using:pbx.Port -Credential $using:pbx.Credential -Check Queues
        }
        $back = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        ($back | ConvertTo-AmiNagios).Output | Should -Match "'Queues support LongestWait'=\d+s;60;300;0;"
    }
}

Describe 'Test-AmiHealth on a fleet' -Tag CI {
    It 'checks each piped simulator with its own port and credential' {
        $pbxes = 1..3 | ForEach-Object { Start-AmiSimulator -Uptime 3600 }
        try {
            # Each object binds ComputerName, Port and Credential by property name; each host keeps its own.
            $results = $pbxes | Test-AmiHealth -Check Connection -Threshold @{ Connection = @{ Warning = 30000; Critical = 60000 } }
            @($results).Count | Should -Be 3
            $results | ForEach-Object { $_.Status | Should -Be 'Ok' -Because $_.Message }
        }
        finally { $pbxes | Stop-AmiSimulator }
    }

    It 'checks 100 PBXes (some down, some with a failing trunk) in one call, each answered once, within the per-host bound' {
        $user = [AmiPs.Simulator.AmiSimulatorUser]::new('monitor', 'fleet-secret')
        $credential = [pscredential]::new('monitor', (ConvertTo-SecureString 'fleet-secret' -AsPlainText -Force))
        $names = 1..100 | ForEach-Object { "127.0.2.$_" }
        $down = $names | Where-Object { ([int] ($_ -split '\.')[3]) % 10 -eq 3 }
        $failing = $names | Where-Object { ([int] ($_ -split '\.')[3]) % 7 -eq 0 -and $_ -notin $down }
        $simulators = [System.Collections.Generic.List[object]]::new()
        try {
            # One port on 100 loopback addresses (Linux routes all of 127/8 to lo); another process on that port means another try.
            for ($attempt = 0; ; $attempt++) {
                $port = Get-ClosedPort
                try {
                    foreach ($name in $names | Where-Object { $_ -notin $down }) {
                        $options = [AmiPs.Simulator.AmiSimulatorOptions]@{
                            Users = [AmiPs.Simulator.AmiSimulatorUser[]] @($user); Address = [ipaddress] $name; Port = $port; Uptime = [timespan]::FromHours(1)
                            SipRegistrations = [AmiPs.Simulator.SimulatedRegistration[]] @([AmiPs.Simulator.SimulatedSip]::Trunk('trunk-a'))
                        }
                        $started = [AmiPs.Simulator.AmiSimulator]::StartAsync($options).GetAwaiter().GetResult()
                        $simulators.Add($started)
                        if ($name -in $failing) { $started.Sip.LoseRegistration('trunk-a', 'Rejected') | Should -BeTrue }
                    }
                    break
                }
                catch [System.Net.Sockets.SocketException] {
                    if ($attempt -ge 3) { throw }
                    $simulators | ForEach-Object Dispose; $simulators.Clear()
                }
            }
            $list = Join-Path $TestDrive 'pbxes.txt'
            $names | Set-Content $list
            $timeout = 5
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $results = Get-Content $list | Test-AmiHealth -Port $port -Credential $credential -Check Connection, Registrations -Timeout $timeout -Threshold @{ Connection = @{ Warning = 30000; Critical = 60000 } }
            $watch.Stop()

            # The bound the docs give: Timeout x (checks + 3) per PBX, one such budget per round of ThrottleLimit (16).
            $watch.Elapsed.TotalSeconds | Should -BeLessThan ($timeout * (2 + 3) * [math]::Ceiling(100 / 16))
            $connections = $results | Where-Object Check -eq 'Connection'
            @($connections).Count | Should -Be 100
            @($connections.ComputerName | Sort-Object -Unique).Count | Should -Be 100
            foreach ($result in $connections) {
                $result.Status | Should -Be ($(if ($result.ComputerName -in $down) { 'Critical' } else { 'Ok' })) -Because "$result"
            }
            $trunks = $results | Where-Object { $_.Check -eq 'Registrations' -and $_.Target -eq 'trunk-a' }
            @($trunks).Count | Should -Be (100 - @($down).Count)
            @($trunks | Where-Object Status -eq 'Critical' | ForEach-Object ComputerName | Sort-Object) | Should -Be @($failing | Sort-Object)
            @($results | Where-Object { $_.Check -eq 'Registrations' -and $_.ComputerName -in $down } | Where-Object Status -ne 'Unknown').Count | Should -Be 0
        }
        finally { $simulators | ForEach-Object Dispose }
    }
}

Describe 'ConvertTo-AmiPrometheus' -Tag CI {
    BeforeAll {
        $script:pbx = Start-AmiSimulator -Uptime 3600
        $null = $pbx.Simulator.Queues.FillQueue('support', 2)
        $script:promSession = $pbx | Connect-Ami
        Wait-Until { (Get-AmiQueue support -Session $promSession).Callers.Count -eq 2 } -Because 'the session to see the waiting callers'
        $results = Test-AmiHealth -Session $promSession -Check Registrations, Queues
        $script:text = $results | ConvertTo-AmiPrometheus -Session $promSession
        # The text exposition format, line by line: HELP and TYPE once per family before its samples, then samples
        # `name{label="value",...} number` with \\, \" and \n the only escapes in a label value.
        $script:samples = [System.Collections.Generic.List[object]]::new()
        $script:types = @{}
        $script:bad = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $text -split "`n" | Where-Object { $_ }) {
            if ($line -match '^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$') { continue }
            if ($line -match '^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter|untyped)$') {
                if ($types.ContainsKey($Matches[1])) { $bad.Add("second TYPE: $line") }
                $types[$Matches[1]] = $Matches[2]; continue
            }
            if ($line -match '^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+]+|NaN|[+-]Inf)$') {
                $name = $Matches[1]; $value = [double] $Matches[3]
                $labels = @{}
                foreach ($pair in [regex]::Matches($Matches[2] + '', '([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')) {
                    $labels[$pair.Groups[1].Value] = $pair.Groups[2].Value -replace '\\n', "`n" -replace '\\"', '"' -replace '\\\\', '\'
                }
                if (-not $types.ContainsKey($name)) { $bad.Add("sample before its TYPE: $line") }
                $samples.Add([pscustomobject]@{ Name = $name; Labels = $labels; Value = $value }); continue
            }
            $bad.Add($line)
        }
    }
    AfterAll { $promSession | Disconnect-Ami; $pbx | Stop-AmiSimulator }

    It 'has no line a scraper would reject' {
        $bad | Should -BeNullOrEmpty
        $samples.Count | Should -BeGreaterThan 10
    }

    It 'names <Name> as res_prometheus does (<Type>)' -TestCases @(
        @{ Name = 'asterisk_core_uptime_seconds'; Type = 'gauge' }
        @{ Name = 'asterisk_core_last_reload_seconds'; Type = 'gauge' }
        @{ Name = 'asterisk_channels_count'; Type = 'gauge' }
        @{ Name = 'asterisk_endpoints_count'; Type = 'gauge' }
        @{ Name = 'asterisk_endpoints_state'; Type = 'gauge' }
        @{ Name = 'asterisk_pjsip_outbound_registration_status'; Type = 'gauge' }
    ) {
        param($Name, $Type)
        $types[$Name] | Should -Be $Type
        $samples | Where-Object Name -eq $Name | Should -Not -BeNullOrEmpty
    }

    It 'labels endpoints and registrations with res_prometheus''s label names' {
        ($samples | Where-Object Name -eq 'asterisk_endpoints_state' | Select-Object -First 1).Labels.Keys | Sort-Object | Should -Be @('id', 'pbx', 'resource', 'tech')
        $dead = $samples | Where-Object { $_.Name -eq 'asterisk_pjsip_outbound_registration_status' -and $_.Labels.name -eq 'deadtrunk' }
        $dead.Labels.Keys | Sort-Object | Should -Be @('channel_type', 'domain', 'name', 'pbx', 'username')
        $dead.Value | Should -Be 2
    }

    It 'adds what res_prometheus lacks: <Name>' -TestCases @(
        @{ Name = 'amips_queue_callers' }, @{ Name = 'amips_queue_longest_wait_seconds' }, @{ Name = 'amips_queue_available_members' },
        @{ Name = 'amips_contact_roundtrip_seconds' }, @{ Name = 'amips_session_reconnects_total' }, @{ Name = 'amips_session_events_received_total' },
        @{ Name = 'amips_session_events_dropped_total' }, @{ Name = 'amips_session_protocol_errors_total' }
    ) {
        param($Name)
        $samples | Where-Object Name -eq $Name | Should -Not -BeNullOrEmpty
        $types[$Name] | Should -Be ($(if ($Name -like '*_total') { 'counter' } else { 'gauge' }))
    }

    It 'exports the health results: status, value and the queue''s longest wait' {
        ($samples | Where-Object { $_.Name -eq 'amips_check_status' -and $_.Labels.target -eq 'deadtrunk' }).Value | Should -Be 2
        ($samples | Where-Object { $_.Name -eq 'amips_check_status' -and $_.Labels.check -eq 'Queues' -and $_.Labels.target -eq 'support' }).Value | Should -Be 2
        ($samples | Where-Object { $_.Name -eq 'amips_check_value' -and $_.Labels.target -eq 'support' }).Value | Should -Be 2
        $wait = $samples | Where-Object { $_.Name -eq 'amips_check_measure' -and $_.Labels.target -eq 'support' }
        $wait.Labels.measure | Should -Be 'LongestWait'
        ($samples | Where-Object { $_.Name -eq 'amips_queue_callers' -and $_.Labels.queue -eq 'support' }).Value | Should -Be 2
    }

    It 'escapes backslash, quote and line break in label values so they parse back' {
        $odd = [AmiPs.Monitoring.AmiHealthResult]::new('pbx', 'Registrations', "trunk `"a`"\b`nc", 'Critical', 'x')
        $line = ($odd | ConvertTo-AmiPrometheus) -split "`n" | Where-Object { $_ -like 'amips_check_status*' }
        $line | Should -Be 'amips_check_status{pbx="pbx",check="Registrations",target="trunk \"a\"\\b\nc"} 2'
    }
}

Describe 'Help page examples' -Tag CI {
    BeforeAll {
        # What the pages assume: $sim, a simulator, and a default session to it.
        $script:exampleSession = $sim | Connect-Ami
    }
    AfterAll { $exampleSession | Disconnect-Ami }

    It '<Page>: <Title> runs against the simulator' -TestCases $helpExamples {
        param($Page, $Title, $Code)
        $output = & {
            $ErrorActionPreference = 'Stop'
            & ([scriptblock]::Create($Code))
        } 6>&1 | Out-String
        $output.Trim() | Should -Not -BeNullOrEmpty -Because 'an example shows something'
    }

    It 'finds the examples of every page' {
        @($helpExamples | Where-Object Page -eq 'Test-AmiHealth').Count | Should -BeGreaterOrEqual 4
    }
}

Describe 'docs/monitoring.md' -Tag CI {
    BeforeAll {
        $script:doc = Get-Content (Join-Path $PSScriptRoot '../../docs/monitoring.md') -Raw
    }

    It 'says how to run the checks from <_>' -ForEach @('## Cron', '## systemd timer', '## Windows Task Scheduler', '## Nagios / Icinga', 'textfile collector', 'SecretManagement', 'AMI_USERNAME') {
        $doc | Should -Match ([regex]::Escape($_))
    }

    It 'says what each check asks the server: <_>' -ForEach @('Connection', 'Uptime', 'Channels', 'LongCalls', 'Registrations', 'Endpoints', 'Queues') {
        $doc | Should -Match ("(?m)^\| ``$_`` \|[^\n]*\|[^\n]*\|[^\n]*``[A-Za-z]+``[^\n]*\|[^\n]*\|$")
    }

    It 'gives a least-privilege manager.conf user that every check works with' {
        $block = [regex]::Match($doc, '(?ms)^```ini\r?\n(?<ini>.*?)^```').Groups['ini'].Value
        $read = [regex]::Match($block, '(?m)^read\s*=\s*([a-z,]+)').Groups[1].Value
        $write = [regex]::Match($block, '(?m)^write\s*=\s*([a-z,]+)').Groups[1].Value
        $read | Should -Be 'system,call,agent,reporting'
        $write | Should -Be 'system'
        $block | Should -Not -Match '(?m)^write\s*=.*\bcommand\b'

        # The simulator enforces manager.conf's classes (read filters events, write gates actions): the user as documented.
        $user = [AmiPs.Simulator.AmiSimulatorUser]::new('monitor', 'least-privilege')
        $user.Read = $read
        $user.Write = $write
        $options = [AmiPs.Simulator.AmiSimulatorOptions]@{ Users = [AmiPs.Simulator.AmiSimulatorUser[]] @($user); Uptime = [timespan]::FromHours(1) }
        $limited = [AmiPs.Simulator.AmiSimulator]::StartAsync($options).GetAwaiter().GetResult()
        try {
            $credential = [pscredential]::new('monitor', (ConvertTo-SecureString 'least-privilege' -AsPlainText -Force))
            $results = Test-AmiHealth 127.0.0.1 -Port $limited.Port -Credential $credential -Threshold @{ Connection = @{ Warning = 30000; Critical = 60000 } }
            @($results.Check | Select-Object -Unique) | Should -Be 'Connection', 'Uptime', 'Channels', 'LongCalls', 'Registrations', 'Endpoints', 'Queues'
            $results | Where-Object Status -eq 'Unknown' | ForEach-Object { "$_" } | Should -BeNullOrEmpty
            $results | Where-Object Message -match 'Permission denied' | Should -BeNullOrEmpty
            ($results | Where-Object Check -eq 'Uptime').Message | Should -Match 'FullyBooted'
        }
        finally { $limited.Dispose() }
    }

    It 'and a user without those rights gets Unknown with the server''s refusal, never an exception' {
        $user = [AmiPs.Simulator.AmiSimulatorUser]::new('monitor', 'no-rights')
        $user.Read = ''
        $user.Write = ''
        $options = [AmiPs.Simulator.AmiSimulatorOptions]@{ Users = [AmiPs.Simulator.AmiSimulatorUser[]] @($user); Uptime = [timespan]::FromHours(1) }
        $limited = [AmiPs.Simulator.AmiSimulator]::StartAsync($options).GetAwaiter().GetResult()
        try {
            $credential = [pscredential]::new('monitor', (ConvertTo-SecureString 'no-rights' -AsPlainText -Force))
            $results = Test-AmiHealth 127.0.0.1 -Port $limited.Port -Credential $credential -Check Channels, Registrations -ErrorAction Stop
            ($results | Where-Object Check -eq 'Connection').Status | Should -Be 'Ok'
            ($results | Where-Object Check -eq 'Registrations').Status | Should -Be 'Unknown'
            ($results | Where-Object Check -eq 'Registrations').Message | Should -Match 'Permission denied'
        }
        finally { $limited.Dispose() }
    }
}

Describe 'README Monitoring section' -Tag CI {
    It 'exists and points at <_>' -ForEach @('Test-AmiHealth', 'ConvertTo-AmiNagios', 'ConvertTo-AmiPrometheus', 'Export-AmiMetric', 'check_asterisk.ps1', 'docs/monitoring.md') {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $section = ($readme -split '(?m)^## Monitoring\s*$', 2)[1] -split '(?m)^## ', 2 | Select-Object -First 1
        $section | Should -Not -BeNullOrEmpty
        $section | Should -Match ([regex]::Escape($_))
    }
}
