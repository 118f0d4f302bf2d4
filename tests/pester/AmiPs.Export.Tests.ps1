# Objects export as a person expects (issue 11.8): CSV lists read as text; JSON has enum names, ISO 8601 times,
# durations as [d.]hh:mm:ss, no internals (Snapshot, Prefix, IsPresent), and reads back with ConvertFrom-Json.
# ConvertTo-Json reflects over the CLR type's public properties (then adds type-data members it has not seen), so
# these tests pin the public shape; in PowerShell the durations stay TimeSpans.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1')
    # Calls talk for a minute, so a call is Up while it is exported; pings every second give LastPingRoundTrip.
    $script:sim = (New-TestSession -Simulator @{ TalkTime = 60 } -Connect @{ KeepAliveInterval = 1 }).Simulator

    # Every key of a parsed JSON document, at any depth.
    function Get-JsonKey($Node) {
        if ($Node -is [System.Collections.IDictionary]) {
            foreach ($key in $Node.Keys) { $key; if ($null -ne $Node[$key]) { Get-JsonKey $Node[$key] } }
        }
        elseif ($Node -is [System.Collections.IList]) {
            foreach ($item in $Node) { if ($null -ne $item) { Get-JsonKey $item } }
        }
    }

    $script:IsoTime = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$'
    $script:Duration = '^(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d+)?$'
    $script:start = [DateTimeOffset]::Now
    $null = New-AmiCall -Channel Local/2000@office -Application Wait -Data 60
    Wait-Until { @(Get-AmiCall -Active | Where-Object { $_.State -eq 'Up' -and $_.Bridges.Count -gt 0 }).Count -eq 1 } -Because 'an answered, bridged call'
    $script:call = Get-AmiCall -Active | Select-Object -First 1
}

AfterAll { Remove-TestSessions }

Describe 'Export of calls' -Tag CI {
    It 'Export-Csv writes Channels and Bridges as the channel names and bridge ids' {
        $path = Join-Path $TestDrive 'calls.csv'
        $call | Export-Csv -Path $path
        $row = Import-Csv -Path $path
        $row.Channels | Should -Not -Match 'System\.Collections'
        foreach ($leg in $call.Channels) { $row.Channels | Should -Match ([regex]::Escape($leg.Channel)) }
        $row.Bridges | Should -Be ($call.Bridges -join ', ')
        $row.State | Should -Be 'Up'
    }

    It 'ConvertTo-Csv writes the same readable lists' {
        $row = $call | ConvertTo-Csv | ConvertFrom-Csv
        $row.Channels | Should -Match ([regex]::Escape($call.Channels[0].Channel))
        $row.Bridges | Should -Be $call.Bridges[0]
    }

    It 'in PowerShell Duration and TalkTime stay TimeSpans (comparisons and TotalSeconds work), Channels a list' {
        $call.Duration | Should -BeOfType [timespan]
        $call.TalkTime | Should -BeOfType [timespan]
        $call.Duration -ge [timespan]::Zero | Should -BeTrue
        $call.Duration -lt '1.00:00:00' | Should -BeTrue
        $call.Duration.TotalSeconds | Should -BeGreaterOrEqual 0
        $call.State -eq 'Up' | Should -BeTrue
        @($call.Channels).Count | Should -BeGreaterThan 1
        $call.Channels[0].ChannelState -eq 'Up' | Should -BeTrue
    }

    It 'ConvertTo-Json has enum names, ISO times, hh:mm:ss durations, and reads back to the same values' {
        $json = $call | ConvertTo-Json -Depth 3
        $parsed = $json | ConvertFrom-Json -AsHashtable
        $parsed.State | Should -Be 'Up'
        $parsed.Disposition | Should -Be ([string] $call.Disposition)
        $parsed.Channels[0].ChannelState | Should -Be 'Up'
        $json | Should -Match ('"StartTime": "' + '\d{4}-\d{2}-\d{2}T')
        $parsed.Duration | Should -Match $Duration
        $parsed.TalkTime | Should -Match $Duration
        ([timespan] $parsed.Duration) -le $call.Duration | Should -BeTrue
        ([DateTimeOffset] $parsed.StartTime).UtcTicks | Should -Be $call.StartTime.UtcTicks
        ([DateTimeOffset] $parsed.AnswerTime).UtcTicks | Should -Be $call.AnswerTime.UtcTicks
        $parsed.Channels.Channel | Should -Be @($call.Channels.Channel)
        $parsed.Bridges | Should -Be @($call.Bridges)
        [Enum]::Parse([AmiPs.Tracking.AmiCallState], $parsed.State) | Should -Be $call.State
    }
}

Describe 'Export of extensions, sessions and status' -Tag CI {
    It 'an extension''s JSON names its state and has an ISO time' {
        $extension = Get-AmiExtension | Select-Object -First 1
        $parsed = $extension | ConvertTo-Json | ConvertFrom-Json -AsHashtable
        $parsed.State | Should -Be ([string] $extension.State)
        $parsed.State | Should -Not -Match '^-?\d+$'
        ($extension | ConvertTo-Json) | Should -Match '"LastChanged": "\d{4}-\d{2}-\d{2}T'
        ([DateTimeOffset] $parsed.LastChanged).UtcTicks | Should -Be $extension.LastChanged.UtcTicks
    }

    It 'a session''s JSON names its state and the options'' enums' {
        $parsed = Get-AmiSession | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json -AsHashtable
        $parsed.State | Should -Be 'Connected'
        $parsed.Options.AuthType | Should -Be 'MD5'
        $parsed.Options.Track | Should -Be 'All'
        $parsed.StateHistory[-1].State | Should -Be 'Connected'
    }

    It 'the status JSON has enum names, an ISO time, hh:mm:ss durations, and reads back' {
        Wait-Until { $null -ne (Get-AmiStatus).LastPingRoundTrip } -Because 'a first keep-alive ping'
        $status = Get-AmiStatus
        $status.Uptime | Should -BeOfType [timespan]
        $status.LastPingRoundTrip | Should -BeOfType [timespan]
        $json = $status | ConvertTo-Json
        $parsed = $json | ConvertFrom-Json -AsHashtable
        $parsed.State | Should -Be 'Connected'
        $json | Should -Match '"ConnectedSince": "\d{4}-\d{2}-\d{2}T'
        $parsed.Uptime | Should -Match $Duration
        $parsed.LastPingRoundTrip | Should -Match $Duration
        [timespan] $parsed.LastPingRoundTrip | Should -Be $status.LastPingRoundTrip
        [timespan] $parsed.Uptime | Should -Be ([timespan]::FromSeconds([math]::Floor($status.Uptime.TotalSeconds)))
    }
}

Describe 'Export of events' -Tag CI {
    BeforeAll {
        $stop = Get-AmiCall -Active | Select-Object -First 1
        $stop | Stop-AmiCall -Confirm:$false
        $script:hangup = Wait-AmiEvent Hangup -Since $start -Timeout 20
        $script:hangupJson = $hangup | ConvertTo-Json -Depth 3
        $script:hangupParsed = $hangupJson | ConvertFrom-Json -AsHashtable
    }

    It 'a Hangup event''s JSON has no internals: no Snapshot, Prefix or IsPresent at any depth' {
        $keys = @(Get-JsonKey $hangupParsed)
        $keys | Should -Contain 'Channel'
        $keys | Should -Not -Contain 'Snapshot'
        $keys | Should -Not -Contain 'Prefix'
        $keys | Should -Not -Contain 'IsPresent'
    }

    It 'a Hangup event''s JSON names the channel state, has ISO times, and reads back' {
        $hangupParsed.ChannelState | Should -Be ([string] $hangup.ChannelState)
        $hangupParsed.ChannelState | Should -Not -Match '^\d+$'
        $hangupJson | Should -Match '"Received": "\d{4}-\d{2}-\d{2}T'
        ([DateTimeOffset] $hangupParsed.Received).UtcTicks | Should -Be $hangup.Received.UtcTicks
        $hangupParsed.Cause | Should -Be $hangup.Cause
        $hangupParsed.Channel | Should -Be $hangup.Channel
        $hangupParsed.Uniqueid | Should -Be $hangup.Uniqueid
    }

    It 'a dial event''s caller and Dest blocks carry no Prefix or IsPresent' {
        $dial = Receive-AmiEvent -EventType DialEnd -Since $start -Timeout 1 | Select-Object -First 1
        $keys = @(Get-JsonKey ($dial | ConvertTo-Json -Depth 3 | ConvertFrom-Json -AsHashtable))
        $keys | Should -Contain 'Dest'
        $keys | Should -Not -Contain 'Prefix'
        $keys | Should -Not -Contain 'IsPresent'
    }
}
