# The scripts in examples/ run in a new pwsh process each, as a scheduler or a user runs them, against the simulator:
# their exit codes are what a monitoring system reads. The PBX and credential come from AMI_* in the child's environment,
# and the module from PSModulePath (out/ holds out/AmiPs), as for a user who installed it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:credential = New-TestCredential admin
    $script:secret = $credential.GetNetworkCredential().Password
    $script:sim = Start-AmiSimulator -Credential $credential -TrafficRate 4
    function Invoke-Example([string] $Script, [int] $Port, [string[]] $Arguments = @()) {
        Invoke-Pwsh -Arguments (@('-File', (Join-Path $RepoRoot "examples/$Script")) + $Arguments) -Environment @{
            AMI_HOST = '127.0.0.1'; AMI_PORT = $Port; AMI_USERNAME = 'admin'; AMI_PASSWORD = $secret
            PSModulePath = (Join-Path $RepoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
        }
    }
}

AfterAll { Stop-AmiSimulator }

Describe 'examples/Demo.ps1' -Tag CI {
    It 'runs end to end against its own simulator and exits 0, each section laid out by the views' {
        $run = Invoke-Pwsh -Arguments '-File', (Join-Path $RepoRoot 'examples/Demo.ps1'), '-EventCount', '5'
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        $run.Error | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Id\s+Name\s+Endpoint\s+User\s+State'
        $run.Output | Should -Match 'IsHealthy\s+: True'
        $run.Output | Should -Match 'Asterisk'
        $run.Output | Should -Match 'Id\s+Start\s+State\s+Result\s+Duration'
        $run.Output | Should -Match 'Exten\s+Context\s+Status'
        $run.Output | Should -Match '== Done'
    }
}

Describe 'examples/Test-Telephony.ps1' -Tag CI {
    It 'a call to <Channel> exits <ExitCode>: <Line>' -TestCases @(
        @{ Channel = 'Local/2000@office'; ExitCode = 0; Line = 'OK - call to Local/2000@office: Answered' }
        @{ Channel = 'Local/2002@office'; ExitCode = 1; Line = 'CRITICAL - call to Local/2002@office: Busy' }
    ) {
        $run = Invoke-Example Test-Telephony.ps1 $sim.Port '-Channel', $Channel
        $run.ExitCode | Should -Be $ExitCode -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match ([regex]::Escape($Line))
    }

    It 'exits 2 when the PBX is unreachable' {
        $run = Invoke-Example Test-Telephony.ps1 (Get-ClosedPort) '-Channel', 'Local/2000@office'
        $run.ExitCode | Should -Be 2 -Because "$($run.Output)$($run.Error)"
        ($run.Output + $run.Error).Trim() | Should -BeLike 'UNKNOWN - cannot reach the PBX*'
    }
}

Describe 'examples/Write-PbxHealth.ps1' -Tag CI {
    It 'appends one JSON line a run, exits 0 healthy and 1 unreachable, and never writes the secret' {
        $file = Join-Path $TestDrive 'health.jsonl'
        $healthy = Invoke-Example Write-PbxHealth.ps1 $sim.Port '-SampleSeconds', '0.5', '-Path', $file
        $unhealthy = Invoke-Example Write-PbxHealth.ps1 (Get-ClosedPort) '-Path', $file
        $healthy.ExitCode | Should -Be 0 -Because "$($healthy.Output)$($healthy.Error)"
        $unhealthy.ExitCode | Should -Be 1 -Because "$($unhealthy.Output)$($unhealthy.Error)"
        $lines = Get-Content $file | ForEach-Object { $_ | ConvertFrom-Json }
        $lines | Should -HaveCount 2
        $lines[0].healthy | Should -BeTrue
        $lines[0].extensions | Should -Be 4
        $lines[1].healthy | Should -BeFalse
        $lines[1].errorId | Should -Be 'AmiConnectionRefused'
        Get-Content -Raw $file | Should -Not -Match ([regex]::Escape($secret))
    }
}

Describe 'examples/Watch-Calls.ps1' -Tag CI {
    It 'shows calls and extension changes for its -Duration, then a summary, and exits 0' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $run = Invoke-Example Watch-Calls.ps1 $sim.Port '-Duration', '1.5'
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.5 -Because 'the watch lasts its -Duration (no upper bound: a process start on busy cores is slow)'
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match 'Newchannel'
        $run.Output | Should -Match 'ExtensionStatus'
        $run.Output | Should -Match 'calls in 1\.5 s'
    }
}
