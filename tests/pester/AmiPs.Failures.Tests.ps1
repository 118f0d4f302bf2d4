BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
}

Describe 'Failures' -Tag CI {
    BeforeAll { $script:sim = Start-AmiSimulator }
    AfterAll { Get-AmiSession | Disconnect-Ami; Stop-AmiSimulator }

    It 'a wrong secret is an AmiAuthenticationFailed error, never retried' {
        $bad = [pscredential]::new($sim.Credential.UserName, (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        { Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $bad -ErrorAction Stop } | Should -Throw -ErrorId 'AmiAuthenticationFailed*'
    }

    It 'a closed port is an AmiConnectionRefused error' {
        { Connect-Ami 127.0.0.1 -Port 1 -Credential $sim.Credential -ErrorAction Stop } | Should -Throw -ErrorId 'AmiConnectionRefused*'
    }

    It 'a session whose PBX goes away is reported, not hidden' {
        $s = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential -NoReconnect
        Stop-AmiSimulator
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        while ((Get-AmiStatus -Session $s).State -eq 'Connected' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-AmiStatus -Session $s).IsHealthy | Should -BeFalse
        { Invoke-AmiAction Ping -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'AmiNotConnected*'
        $script:sim = Start-AmiSimulator
    }
}
