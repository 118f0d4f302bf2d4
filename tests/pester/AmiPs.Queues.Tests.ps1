BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/AmiPs/AmiPs.psd1') -Force -ErrorAction Stop
    # Members ring 30 s in this PBX, so a caller offered to one stays visible while the test looks.
    $script:sim = Start-AmiSimulator -RingTime 30 -Queue @(
        @{ Name = 'support'; Members = 'Local/1001@office,0,Alice,Custom:1001' }
        @{ Name = 'sales'; Members = 'Local/1002@office,0,Bob,Custom:1002', 'PJSIP/1005,1,Eve'; Busy = 'Local/1002@office' }
    )
    $script:session = $sim | Connect-Ami

    # What the PBX itself says about a member (QueueStatus), not what the tracker believes.
    function script:Get-PbxMember([string] $Queue, [string] $Interface) {
        (Invoke-AmiAction QueueStatus @{ Queue = $Queue }).Events | Where-Object { $_.Event -eq 'QueueMember' -and $_.Location -eq $Interface }
    }
}

AfterAll {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
}

Describe 'Get-AmiQueue' -Tag CI {
    It 'lists the queues the simulator was started with' {
        (Get-AmiQueue).Name | Should -Be @('sales', 'support')
        (Get-AmiQueue sales).Members.Name | Should -Be @('Bob', 'Eve')
    }

    It 'finds <Pattern> by wildcard' -TestCases @(
        @{ Pattern = 'sup*'; Expected = 'support' }
        @{ Pattern = '*les'; Expected = 'sales' }
    ) {
        (Get-AmiQueue $Pattern).Name | Should -Be $Expected
    }

    It 'says clearly when a queue does not exist' {
        Get-AmiQueue nosuchqueue -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AmiQueueNotFound*'
    }

    It 'shows a waiting caller with the member whose phone rings' {
        $null = $sim.Simulator.Queues.JoinCaller('support', '5550201', 'Quinn')
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not (Get-AmiQueue support).Callers -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $caller = (Get-AmiQueue support).Callers[0]
        $caller.CallerIDNum | Should -Be '5550201'
        $caller.Position | Should -Be 1
        $caller.RingingMember | Should -Be 'Alice'
    }

    It 'renders a queue in one line' {
        "$(Get-AmiQueue sales)" | Should -Match '^sales: .*members available, \d+ completed, \d+ abandoned$'
    }
}

Describe 'Suspend-AmiQueueMember and Resume-AmiQueueMember' -Tag CI {
    It '-WhatIf pauses nobody on the PBX' {
        (Get-AmiQueue sales).Members | Where-Object Name -eq Eve | Suspend-AmiQueueMember -Reason lunch -WhatIf | Should -BeNullOrEmpty
        (Get-PbxMember sales PJSIP/1005).Paused | Should -BeFalse
    }

    It 'pauses a piped member with a reason and returns it paused' {
        $member = (Get-AmiQueue sales).Members | Where-Object Name -eq Eve | Suspend-AmiQueueMember -Reason lunch
        $member.IsPaused | Should -BeTrue
        $member.PausedReason | Should -Be 'lunch'
        (Get-PbxMember sales PJSIP/1005).PausedReason | Should -Be 'lunch'
    }

    It 'resumes by name and returns the member unpaused' {
        $member = Resume-AmiQueueMember -Queue sales -Interface PJSIP/1005
        $member.IsPaused | Should -BeFalse
        (Get-PbxMember sales PJSIP/1005).Paused | Should -BeFalse
    }
}

Describe 'Add-AmiQueueMember and Remove-AmiQueueMember' -Tag CI {
    It '-WhatIf adds nobody' {
        Add-AmiQueueMember -Queue support -Interface PJSIP/1003 -MemberName Carol -WhatIf | Should -BeNullOrEmpty
        Get-PbxMember support PJSIP/1003 | Should -BeNullOrEmpty
    }

    It 'adds a dynamic member, paused, with a penalty' {
        $member = Add-AmiQueueMember -Queue support -Interface PJSIP/1003 -MemberName Carol -Penalty 3 -Paused
        $member.Membership | Should -Be 'Dynamic'
        $member.Penalty | Should -Be 3
        $member.IsPaused | Should -BeTrue
    }

    It '-WhatIf removes nobody' {
        (Get-AmiQueue support).Members | Where-Object Name -eq Carol | Remove-AmiQueueMember -WhatIf
        Get-PbxMember support PJSIP/1003 | Should -Not -BeNullOrEmpty
    }

    It 'removes the piped member' {
        (Get-AmiQueue support).Members | Where-Object Name -eq Carol | Remove-AmiQueueMember -Confirm:$false | Should -BeNullOrEmpty
        Get-PbxMember support PJSIP/1003 | Should -BeNullOrEmpty
        (Get-AmiQueue support).Members.Name | Should -Not -Contain 'Carol'
    }

    It 'reports the PBX refusing to remove a static member' {
        Remove-AmiQueueMember sales Local/1002@office -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        "$($err[0])" | Should -Match 'Member not dynamic'
    }
}

Describe 'A full queue' -Tag CI {
    It 'shows every caller waiting and no member available' {
        $null = $sim.Simulator.Queues.FillQueue('sales', 3)
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ((Get-AmiQueue sales).Callers.Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $queue = Get-AmiQueue sales
        $queue.Callers.Count | Should -Be 3
        $queue.AvailableMembers | Should -Be 0
    }
}

Describe 'Connect-Ami -Track' -Tag CI {
    It 'a session that tracks only calls does not load queues, and says so' {
        $light = $sim | Connect-Ami -Name track-calls -Track Calls
        try {
            $light.Options.Track | Should -Be 'Calls'
            Get-AmiQueue -Session $light -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AmiQueuesNotTracked*'
        } finally { $light | Disconnect-Ami }
    }

    It 'takes a list of what to track' {
        $some = $sim | Connect-Ami -Name track-some -Track Calls, Queues
        try {
            $some.Options.Track | Should -Be 'Calls, Queues'
            (Get-AmiQueue -Session $some).Name | Should -Contain 'support'
        } finally { $some | Disconnect-Ami }
    }
}
