# Objects export as a person expects (issue 11.8): CSV lists read as text; JSON has enum names, ISO 8601 times,
# durations as TimeSpan's text ([d.]hh:mm:ss[.fffffff], what Export-Csv writes too), no internals (Snapshot, Prefix,
# IsPresent, the raw Fields list, the session's Options), and reads back with ConvertFrom-Json.
# ConvertTo-Json (JsonObject.cs) reflects over the CLR type's public properties, a nested object's too, and writes a
# TimeSpan as its 15 fields; it then adds the top object's visible type-data and adapted members it has not seen, and
# skips hidden ones (as Export-Csv does). So these tests pin the public shape; in PowerShell the durations stay TimeSpans.
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

    It 'a session''s JSON names its state, has a text round trip, and leaves out the options (configuration, and internals such as LoggerFactory)' {
        Wait-Until { $null -ne (Get-AmiSession).LastPingRoundTrip } -Because 'a first keep-alive ping'
        $session = Get-AmiSession
        $parsed = $session | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | ConvertFrom-Json -AsHashtable
        $parsed.State | Should -Be 'Connected'
        $parsed.StateHistory[-1].State | Should -Be 'Connected'
        $parsed.LastPingRoundTrip | Should -Match $Duration
        [timespan] $parsed.LastPingRoundTrip | Should -Be $session.LastPingRoundTrip
        $keys = @(Get-JsonKey $parsed)
        $keys | Should -Not -Contain 'Options'
        $keys | Should -Not -Contain 'LoggerFactory'
        $keys | Should -Not -Contain 'EffectivePingTimeout'
    }

    It 'in PowerShell a session''s Options (hidden from exports) and LastPingRoundTrip are still there, with TimeSpans' {
        $session = Get-AmiSession
        $session.Options.KeepAliveInterval | Should -BeOfType [timespan]
        $session.Options.KeepAliveInterval -lt [timespan]'00:00:02' | Should -BeTrue
        $session.Options.Track | Should -Be 'All'
        $session.LastPingRoundTrip | Should -BeOfType [timespan]
        $session | Get-Member -Name Options | Should -BeNullOrEmpty -Because 'hidden members are what JSON and CSV skip'
        $session | Get-Member -Name Options -Force | Should -Not -BeNullOrEmpty
    }

    It 'CSV of sessions, status and connection tests has readable columns: durations that read back, no type names' {
        $rows = @(
            Get-AmiSession | ConvertTo-Csv | ConvertFrom-Csv
            Get-AmiStatus | ConvertTo-Csv | ConvertFrom-Csv
            Test-AmiConnection -ComputerName $sim.ComputerName -Port $sim.Port -Credential $sim.Credential | ConvertTo-Csv | ConvertFrom-Csv
        )
        foreach ($row in $rows) {
            foreach ($column in $row.psobject.Properties) {
                $column.Value | Should -Not -Match '^(System|AmiPs|Microsoft)\.[\w.`]+(\[.*\])?$' -Because "$($column.Name) should read as text"
            }
        }
        $rows[0].Calls | Should -Match '^\d+ active, \d+ completed$'
        $rows[0].StateHistory | Should -Match 'Connecting -> Connected'
        $rows[0].Options | Should -BeNullOrEmpty
        [timespan] $rows[0].LastPingRoundTrip | Should -BeGreaterThan ([timespan]::Zero)
        [timespan] $rows[1].Uptime | Should -BeGreaterThan ([timespan]::Zero)
        [timespan] $rows[2].LoginTime | Should -BeGreaterThan ([timespan]::Zero)
    }

    It 'a connection test''s timings are text in JSON and TimeSpans in PowerShell' {
        $test = Test-AmiConnection -ComputerName $sim.ComputerName -Port $sim.Port -Credential $sim.Credential
        $test.LoginTime | Should -BeOfType [timespan]
        $test.LoginTime -ge $test.ConnectTime | Should -BeTrue
        $parsed = $test | ConvertTo-Json | ConvertFrom-Json -AsHashtable
        foreach ($name in 'ConnectTime', 'LoginTime', 'PingRoundTrip') {
            $parsed[$name] | Should -Match $Duration
            [timespan] $parsed[$name] | Should -Be $test.$name
        }
    }

    It 'a registration''s Expiration is text in JSON and a TimeSpan in PowerShell' {
        $registration = Get-AmiRegistration | Where-Object { $null -ne $_.Expiration } | Select-Object -First 1
        $registration | Should -Not -BeNullOrEmpty -Because 'the simulator''s PJSIP registrations have an expiration'
        $registration.Expiration | Should -BeOfType [timespan]
        $parsed = $registration | ConvertTo-Json | ConvertFrom-Json -AsHashtable
        $parsed.Expiration | Should -Match $Duration
        [timespan] $parsed.Expiration | Should -Be $registration.Expiration
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
        [timespan] $parsed.Uptime | Should -Be $status.Uptime
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

    It 'a Hangup event''s JSON carries each field once: no raw Fields list (still $e.Fields in PowerShell, hidden)' {
        $hangupParsed.Keys | Should -Not -Contain 'Fields'
        @($hangup.Fields).Count | Should -BeGreaterThan 10
        $hangup | Get-Member -Name Fields | Should -BeNullOrEmpty -Because 'hidden members are what JSON and CSV skip'
        $hangup | Get-Member -Name Fields -Force | Should -Not -BeNullOrEmpty
        # A log line, not a dump: the typed fields and the untyped ones, once each (was ~103 lines at -Depth 3).
        ($hangupJson -split "`n").Count | Should -BeLessThan 40
        ($hangup | ConvertTo-Csv | ConvertFrom-Csv).psobject.Properties.Name | Should -Not -Contain 'Fields'
    }

    It 'a dial event''s caller and Dest blocks carry no Prefix or IsPresent' {
        $dial = Receive-AmiEvent -EventType DialEnd -Since $start -Timeout 1 | Select-Object -First 1
        $keys = @(Get-JsonKey ($dial | ConvertTo-Json -Depth 3 | ConvertFrom-Json -AsHashtable))
        $keys | Should -Contain 'Dest'
        $keys | Should -Not -Contain 'Prefix'
        $keys | Should -Not -Contain 'IsPresent'
    }
}

# Every exported object type whose durations AmiPs writes as text: none may carry a TimeSpan's 15 fields ("Ticks")
# at any depth, nor the simulator's secret. Queues, live channels, endpoints, server info, queue and PJSIP events and
# the simulator itself are in 'Export of queues, channels, endpoints, server info and the simulator' below.
Describe 'No TimeSpan internals and no secret in the JSON of any exported object' -Tag CI {
    BeforeDiscovery {
        $script:exports = @(
            @{ Name = 'Get-AmiSession'; Get = { Get-AmiSession } }
            @{ Name = 'Get-AmiStatus'; Get = { Get-AmiStatus } }
            @{ Name = 'Get-AmiCall'; Get = { Get-AmiCall } }
            @{ Name = 'Get-AmiExtension'; Get = { Get-AmiExtension } }
            @{ Name = 'Get-AmiRegistration'; Get = { Get-AmiRegistration } }
            @{ Name = 'Get-AmiLog'; Get = { Get-AmiLog } }
            @{ Name = 'Test-AmiHealth'; Get = { Test-AmiHealth } }
            @{ Name = 'Test-AmiConnection'; Get = { Test-AmiConnection -ComputerName $sim.ComputerName -Port $sim.Port -Credential $sim.Credential } }
            @{ Name = 'Invoke-AmiAction'; Get = { Invoke-AmiAction Ping } }
            @{ Name = 'Receive-AmiEvent'; Get = { Receive-AmiEvent -Since $start -Timeout 1 | Where-Object Event -in 'Newchannel', 'DialBegin', 'DialEnd', 'BridgeEnter', 'Hangup', 'Newstate' } }
        )
    }

    It '<Name> | ConvertTo-Json -Depth 5 has no "Ticks" and no secret' -TestCases $exports {
        param($Name, $Get)
        $objects = @(& $Get)
        $objects.Count | Should -BeGreaterThan 0 -Because "$Name should give something to export"
        $json = $objects | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Not -Match '"Ticks"'
        $json | Should -Not -Match '"TotalMilliseconds"'
        $json | Should -Not -Match ([regex]::Escape((Get-TestSecret $sim)))
        ($objects | ConvertTo-Csv) -join "`n" | Should -Not -Match ([regex]::Escape((Get-TestSecret $sim)))
    }
}

# A second PBX with a queue, SIP phones (simulated SIP passwords pass1001, pass1002) and long calls, so that queues,
# waiting callers, live channels, contacts and the queue and PJSIP events with durations all exist. Every cmdlet here
# names its session: the default session stays the file's.
Describe 'Export of queues, channels, endpoints, server info and the simulator' -Tag CI {
    BeforeAll {
        $script:pbx = Start-AmiSimulator -Endpoint 1001, 1002 -RingTime 30 -TalkTime 60 -Queue @{ Name = 'support'; Members = 'Local/1001@office,0,Alice,Custom:1001' }
        $script:pbxSession = $pbx | Connect-Ami -NoReconnect
        $script:pbxSince = [DateTimeOffset]::Now
        $null = New-AmiCall -Session $pbxSession -Channel Local/2000@office -Application Wait -Data 60
        Wait-Until { @(Get-AmiChannel -Session $pbxSession).Count -gt 0 } -Because 'a live call'
        $script:waiting = $pbx.Simulator.Queues.JoinCaller('support', '5550201', 'Quinn')
        $null = $pbx.Simulator.Queues.JoinCaller('support', '5550202', 'Robin')
        Wait-Until { @((Get-AmiQueue support -Session $pbxSession).Callers).Count -eq 2 } -Because 'two callers waiting'
        $null = $pbx.Simulator.Queues.AbandonCaller('support', $waiting)
        $null = $pbx.Simulator.Sip.MakeReachable('1001', 1234)
        $script:abandon = Wait-AmiEvent QueueCallerAbandon -Session $pbxSession -Since $pbxSince -Timeout 10
        $script:contactStatus = Wait-AmiEvent ContactStatus -Session $pbxSession -Filter { $_.RoundTrip } -Since $pbxSince -Timeout 10
        # The trackers apply an event on their own: wait for what they show, not only for the event.
        Wait-Until { @((Get-AmiQueue support -Session $pbxSession).Callers).Count -eq 1 } -Because 'one caller left after the abandon'
        Wait-Until { (Get-AmiEndpoint 1001 -Session $pbxSession).RoundTrip -eq [timespan]::FromTicks(12340) } -Because 'the new round trip tracked'
        $script:secrets = @((Get-TestSecret $pbx), 'pass1001', 'pass1002', 'trunkpass')

        # Each export, with the durations PowerShell must still see as TimeSpans.
        $script:pbxExports = @(
            @{ Name = 'Get-AmiQueue'; Get = { Get-AmiQueue -Session $pbxSession }; Durations = 'LongestWait', 'ServiceLevel', 'HoldTime', 'TalkTime' }
            @{ Name = 'a queue caller'; Get = { (Get-AmiQueue support -Session $pbxSession).Callers }; Durations = @('Wait') }
            @{ Name = 'Get-AmiChannel'; Get = { Get-AmiChannel -Session $pbxSession }; Durations = @('Duration') }
            @{ Name = 'Get-AmiEndpoint'; Get = { Get-AmiEndpoint -Session $pbxSession | Where-Object RoundTrip }; Durations = @('RoundTrip') }
            @{ Name = 'a contact'; Get = { (Get-AmiEndpoint -Session $pbxSession).Contacts | Where-Object RoundTrip }; Durations = @('RoundTrip') }
            @{ Name = 'Get-AmiServerInfo'; Get = { Get-AmiServerInfo -Session $pbxSession }; Durations = @('Uptime') }
            @{ Name = 'QueueCallerAbandon'; Get = { $abandon }; Durations = @('HoldTime') }
            @{ Name = 'ContactStatus'; Get = { $contactStatus }; Durations = @('RoundTrip') }
            @{ Name = 'FullyBooted'; Get = { Receive-AmiEvent -Session $pbxSession -EventType FullyBooted -Since ([DateTimeOffset]::MinValue) -Timeout 1 | Select-Object -First 1 }; Durations = @('Uptime') }
            @{ Name = 'QueueStatus list items'; Get = { (Invoke-AmiAction QueueStatus -Session $pbxSession).Events | Where-Object Event -in 'QueueParams', 'QueueEntry' }; Durations = @() }
            @{ Name = 'PJSIPShowContacts list items'; Get = { (Invoke-AmiAction PJSIPShowContacts -Session $pbxSession).Events | Where-Object Event -eq 'ContactList' }; Durations = @() }
            @{ Name = 'Start-AmiSimulator'; Get = { $pbx }; Durations = @() }
        )
    }

    AfterAll {
        Disconnect-Ami -Session $pbxSession
        $pbx | Stop-AmiSimulator
    }

    It '<_> | ConvertTo-Json -Depth 5 has no "Ticks" and no secret; its CSV has no type names and no secret' -ForEach @(
        'Get-AmiQueue', 'a queue caller', 'Get-AmiChannel', 'Get-AmiEndpoint', 'a contact', 'Get-AmiServerInfo', 'QueueCallerAbandon',
        'ContactStatus', 'FullyBooted', 'QueueStatus list items', 'PJSIPShowContacts list items', 'Start-AmiSimulator'
    ) {
        $export = $pbxExports | Where-Object Name -eq $_
        $objects = @(& $export.Get)
        $objects.Count | Should -BeGreaterThan 0 -Because "$_ should give something to export"
        $json = $objects | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Not -Match '"Ticks"'
        $json | Should -Not -Match '"TotalMilliseconds"'
        $csv = ($objects | ConvertTo-Csv) -join "`n"
        foreach ($secret in $secrets) {
            $json | Should -Not -Match ([regex]::Escape($secret))
            $csv | Should -Not -Match ([regex]::Escape($secret))
        }
        foreach ($row in @($objects | ConvertTo-Csv | ConvertFrom-Csv)) {
            # The simulator's Credential is the PSCredential to pass to Connect-Ami (its Password a SecureString).
            foreach ($column in $row.psobject.Properties | Where-Object Name -ne 'Credential') {
                $column.Value | Should -Not -Match '^(System|AmiPs|Microsoft)\.[\w.`]+(\[.*\])?$' -Because "$($column.Name) of $_ should read as text"
            }
        }
    }

    It '<_>''s durations are hh:mm:ss text in JSON and CSV, and TimeSpans that compare in PowerShell' -ForEach @(
        'Get-AmiQueue', 'a queue caller', 'Get-AmiChannel', 'Get-AmiEndpoint', 'a contact', 'Get-AmiServerInfo', 'QueueCallerAbandon', 'ContactStatus', 'FullyBooted'
    ) {
        $export = $pbxExports | Where-Object Name -eq $_
        $object = @(& $export.Get)[0]
        $parsed = $object | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | ConvertFrom-Json -AsHashtable
        $row = $object | ConvertTo-Csv | ConvertFrom-Csv
        foreach ($name in $export.Durations) {
            $object.$name | Should -BeOfType [timespan] -Because "$name of $_ is a TimeSpan in PowerShell"
            $object.$name -lt [timespan]'1.00:00:00' | Should -BeTrue
            $object.$name -ge [timespan]::Zero | Should -BeTrue
            $parsed[$name] | Should -Match $Duration -Because "$name of $_ is text in JSON"
            $row.$name | Should -Match $Duration -Because "$name of $_ is text in CSV"
            [timespan] $parsed[$name] | Should -BeLessOrEqual ($object.$name)
        }
    }

    It 'a waiting caller''s Wait and the queue''s LongestWait compare as TimeSpans, as the README shows' {
        $queue = Get-AmiQueue support -Session $pbxSession
        $queue.LongestWait -gt [timespan]::Zero | Should -BeTrue
        $queue.LongestWait -lt [timespan]'0:05:00' | Should -BeTrue
        $queue.LongestWait.TotalSeconds | Should -BeGreaterThan 0
        @($queue.Callers | Where-Object { $_.Wait -lt [timespan]'0:05:00' }).Count | Should -Be 1
        # A channel's Duration is whole seconds (CoreShowChannels), so a fresh one may be 00:00:00: compare with -le.
        @(Get-AmiChannel -Session $pbxSession | Where-Object { $_.Duration -le [timespan]'0:05:00' }).Count | Should -BeGreaterThan 0
        @(Get-AmiChannel -Session $pbxSession -LongerThan '1.00:00:00').Count | Should -Be 0 -Because '-LongerThan compares the TimeSpan'
    }

    It 'the endpoint RoundTrip of a contact made reachable at 1234 us reads back exactly from JSON' {
        $endpoint = Get-AmiEndpoint 1001 -Session $pbxSession
        $endpoint.RoundTrip | Should -Be ([timespan]::FromTicks(12340))
        [timespan] ($endpoint | ConvertTo-Json -Depth 3 | ConvertFrom-Json).RoundTrip | Should -Be $endpoint.RoundTrip
        $contactStatus.RoundTrip | Should -Be ([timespan]::FromTicks(12340))
    }

    It 'the simulator''s Options are hidden from exports, still readable in PowerShell, and show no SIP password' {
        $pbx.Simulator | Get-Member -Name Options | Should -BeNullOrEmpty -Because 'hidden members are what JSON and CSV skip'
        $pbx.Simulator.Options.TalkTime | Should -Be ([timespan]::FromSeconds(60))
        @($pbx.Simulator.Options.SipEndpoints.Name) | Should -Contain '1001'
        $pbx.Simulator.Options.SipEndpoints[0].psobject.Properties.Name | Should -Not -Contain 'Password'
        $parsed = $pbx | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | ConvertFrom-Json -AsHashtable
        $parsed.Credential.Password.Keys | Should -Be @('Length') -Because 'the credential''s password is a SecureString, written as its length only'
        $keys = @(Get-JsonKey $parsed.Simulator)
        $keys | Should -Contain 'Sip'
        $keys | Should -Not -Contain 'Options'
        $keys | Should -Not -Contain 'Password'
        (($pbx.Simulator.Options | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) -match 'pass1001') | Should -BeFalse
    }

    It 'an event''s field read under a typed name is exported once: CauseText without Cause-txt, RoundTrip without RoundtripUsec' {
        $hangup | Get-Member -Name 'Cause-txt' | Should -BeNullOrEmpty
        $hangup.'Cause-txt' | Should -Be $hangup.CauseText -Because 'the raw field still reads by its own name'
        ($hangup | ConvertTo-Json | ConvertFrom-Json -AsHashtable).Keys | Should -Not -Contain 'Cause-txt'
        ($hangup | ConvertTo-Csv | ConvertFrom-Csv).psobject.Properties.Name | Should -Not -Contain 'Cause-txt'
        ($contactStatus | ConvertTo-Json | ConvertFrom-Json -AsHashtable).Keys | Should -Not -Contain 'RoundtripUsec'
        $contactStatus.RoundtripUsec | Should -Be '1234'
    }

    It 'a channel event''s ChanVariables is NAME=value text in CSV, an object in JSON' {
        $fields = [System.Collections.Generic.List[AmiPs.Protocol.AmiField]]::new()
        foreach ($pair in @(('Event', 'Hangup'), ('Channel', 'PJSIP/1001-00000001'), ('ChanVariable', 'CDR(accountcode)=sales'), ('ChanVariable', 'TEAM=blue'), ('Cause', '16'))) {
            $fields.Add([AmiPs.Protocol.AmiField]::new($pair[0], $pair[1]))
        }
        $event = [AmiPs.Events.HangupEvent]::new([AmiPs.Protocol.AmiMessage]::new($fields), [DateTimeOffset]::Now, 'test')
        $event.ChanVariables.TEAM | Should -Be 'blue'
        $row = $event | ConvertTo-Csv | ConvertFrom-Csv
        $row.ChanVariables | Should -Be 'CDR(accountcode)=sales, TEAM=blue'
        $row.psobject.Properties.Name | Should -Not -Contain 'ChanVariable' -Because 'the raw lines are the ChanVariables property'
        ($event | ConvertTo-Json | ConvertFrom-Json -AsHashtable).ChanVariables.TEAM | Should -Be 'blue'
        "$($hangup.ChanVariables)" | Should -Not -Match 'System\.'
    }
}

# Last in the file: connecting to another simulator makes that session the default, and disconnecting it leaves none.
Describe 'Export of a broken session' -Tag CI {
    It 'the status JSON of a session whose PBX went away says so (IsHealthy false, Disconnected, LastError) without the secret' {
        $other = Start-AmiSimulator
        $broken = $other | Connect-Ami -NoReconnect
        try {
            $other | Stop-AmiSimulator
            Wait-Until { $broken.State -eq 'Disconnected' } -Because 'the session to notice the loss'
            $json = Get-AmiStatus -Session $broken | ConvertTo-Json -Depth 5 -WarningAction Stop
            $parsed = $json | ConvertFrom-Json -AsHashtable
            $parsed.IsHealthy | Should -BeFalse
            $parsed.State | Should -Be 'Disconnected'
            $parsed.LastError | Should -Not -BeNullOrEmpty
            $parsed.Uptime | Should -BeNullOrEmpty
            $json | Should -Not -Match ([regex]::Escape((Get-TestSecret $other)))
            $json | Should -Not -Match 'Password'
        }
        finally { Disconnect-Ami -Session $broken }
    }
}
