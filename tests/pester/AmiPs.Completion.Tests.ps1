# Tab completion as pwsh users get it: TabExpansion2 over a command line, for each of the module's completers.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    $script:sim = (New-TestSession -Connect @{ Name = 'office-pbx' }).Simulator
    function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
}

AfterAll { Remove-TestSessions }

Describe 'Argument completers' -Tag CI {
    It '<Line> offers <Expected>' -TestCases @(
        @{ Line = 'Get-AmiSession -Name off'; Expected = 'office-pbx' }
        @{ Line = 'Get-AmiStatus -Session off'; Expected = 'office-pbx' }
        @{ Line = 'Disconnect-Ami -Session off'; Expected = 'office-pbx' }
        @{ Line = 'Get-AmiExtension -Exten 100'; Expected = '1001' }
        @{ Line = 'Invoke-AmiAction -Action CoreShow'; Expected = 'CoreShowChannels' }
        @{ Line = 'Invoke-AmiAction Pi'; Expected = 'Ping' }
        @{ Line = 'Receive-AmiEvent -EventType Hang'; Expected = 'Hangup' }
        @{ Line = 'Wait-AmiEvent -EventType Newch'; Expected = 'Newchannel' }
        # Moved from the xUnit CompleterTests (issue 11: one suite for what users do).
        @{ Line = 'Connect-Ami -EventMask rep'; Expected = 'reporting' }
        @{ Line = "Invoke-AmiCommand 'core show ch"; Expected = 'core show channels' }
        @{ Line = 'Get-AmiExtension -Context off'; Expected = 'office' }
        @{ Line = 'New-AmiCall PJSIP/1 -Exten 1 -Context off'; Expected = 'office' }
    ) {
        # -Session completes to an expression that gives the session, e.g. (Get-AmiSession -Name 'office-pbx').
        @(Complete $Line) -like "*$Expected*" | Should -Not -BeNullOrEmpty
    }

    It 'every completion of <Line> starts with what was typed' -TestCases @(
        @{ Line = 'Receive-AmiEvent -EventType Hang'; Prefix = 'Hang' }
        @{ Line = 'Invoke-AmiAction -Action CoreShow'; Prefix = 'CoreShow' }
        @{ Line = 'Get-AmiSession -Name off'; Prefix = 'off' }
        @{ Line = 'Get-AmiExtension -Exten 100'; Prefix = '100' }
    ) {
        Complete $Line | ForEach-Object { $_.Trim("'") | Should -BeLike "$Prefix*" }
    }
}
