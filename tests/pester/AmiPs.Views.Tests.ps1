# The module's views, as a console or a log file shows them: Out-String at 80 and 120 columns gives the view's own
# headers (labels that are not property names, so the default formatter cannot produce them) within the width.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = (New-TestSession -Simulator @{ TalkTime = 60 }).Simulator
    New-AmiCall -Channel Local/2000@office -Application Wait -Data 60 | Out-Null
    Wait-Until { @(Get-AmiCall -Active).Count -gt 0 } -Because 'an active call to show'
    $script:objects = @{
        Session    = { Get-AmiSession }
        Status     = { Get-AmiStatus }
        StatusTable = { Get-AmiStatus | Format-Table }
        Call       = { Get-AmiCall -Active }
        Extension  = { Get-AmiExtension }
        Log        = { Get-AmiLog }
        Event      = { Receive-AmiEvent -Since ([DateTimeOffset]::Now.AddMinutes(-5)) -Timeout 0.5 -First 5 }
        Response   = { Invoke-AmiAction Ping }
        Test       = { Test-AmiConnection $sim.ComputerName -Port $sim.Port -Credential $sim.Credential }
    }
}

AfterAll { Remove-TestSessions }

Describe 'Views at <Width> columns' -Tag CI -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    # A table view's header is one line with its labels in order; the status view is a list with an Endpoint line.
    It '<Kind> shows its view' -TestCases @(
        @{ Kind = 'Session'; Header = 'Id\s+Name\s+Endpoint\s+User\s+State' }
        @{ Kind = 'Status'; Header = '^Endpoint\s+: 127\.0\.0\.1:\d+' }
        @{ Kind = 'StatusTable'; Header = 'Name\s+Healthy\s+State' }
        @{ Kind = 'Call'; Header = 'Id\s+Start\s+State\s+Result\s+Duration\s+Talk\s+To\s+From' }
        @{ Kind = 'Extension'; Header = 'Exten\s+Context\s+Status' }
        @{ Kind = 'Log'; Header = 'Time\s+Level\s+Session\s+Message' }
        @{ Kind = 'Event'; Header = 'Time\s+Event\s+Channel\s+Detail' }
        @{ Kind = 'Response'; Header = 'Action\s+Response\s+Items' }
        @{ Kind = 'Test'; Header = 'ComputerName\s+Port\s+Success\s+Conn ms\s+Login ms' }
    ) {
        $text = & $objects[$Kind] | Out-String -Width $Width
        $text.Trim() | Should -Not -BeNullOrEmpty
        $text | Should -Match "(?m)$Header"
        foreach ($line in $text -split '\r?\n') { $line.Length | Should -BeLessOrEqual $Width }
    }
}
