# Pester 5 specs for Test-AmiHealth and its formats as users run them: in jobs, in parallel runspaces, and as a plugin process.
BeforeAll {
    $script:modulePath = Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1'
    Import-Module $modulePath -Force -ErrorAction Stop
    $script:sim = Start-AmiSimulator
    # A new pwsh process, as a scheduler starts one: the running host's own (pwsh, or dotnet with pwsh.dll as a tool).
    function script:Invoke-Pwsh([string[]] $Arguments) {
        $host_ = [Environment]::ProcessPath
        if ((Split-Path $host_ -Leaf) -like 'dotnet*') { & $host_ (Join-Path $PSHOME 'pwsh.dll') @Arguments } else { & $host_ @Arguments }
    }
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
        $output = Invoke-Pwsh (@('-NoProfile', '-File', $plugin, '-ComputerName', $sim.ComputerName, '-Port', $sim.Port) + $Arguments)
        $LASTEXITCODE | Should -Be $Code
        @($output)[0] | Should -Match $Pattern
        ($output -join "`n") | Should -Not -Match ([regex]::Escape($env:AMI_PASSWORD))
    }

    It 'reports a PBX that is down as CRITICAL with exit code 2' {
        $output = Invoke-Pwsh @('-NoProfile', '-File', $plugin, '-ComputerName', '127.0.0.1', '-Port', '1', '-Check', 'Connection')
        $LASTEXITCODE | Should -Be 2
        @($output)[0] | Should -Match '^AMI CRITICAL - Connection: Connection to 127\.0\.0\.1:1 was refused'
    }
}
