# Module manifest for AmiPs. ModuleVersion is stamped from Directory.Build.props (AmiPsVersion) by the build.
@{
    RootModule           = 'AmiPs.dll'
    # Loaded before TypesToProcess, so the event type (AmiPs.Events.AmiEvent, in AmiPs.Core) and its property adapter
    # named there can be found. The third-party libraries AmiPs.Core uses are not listed: AmiPs.dll loads them
    # privately (ModuleAssemblyLoader.cs).
    RequiredAssemblies   = @('Dependencies/AmiPs.Core.dll', 'AmiPs.dll')
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0f3c4e-8a51-4d2b-9c1e-6f7a2d9e4b13'
    Author               = 'AmiPs contributors'
    CompanyName          = 'AmiPs'
    Copyright            = '(c) AmiPs contributors. MIT License.'
    Description          = 'Asterisk Manager Interface (AMI) for PowerShell: sessions that stay connected, typed events, call and extension tracking, and a built-in PBX simulator.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('AmiPs.format.ps1xml')
    TypesToProcess       = @('AmiPs.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-Ami'
        'Disconnect-Ami'
        'Get-AmiSession'
        'Get-AmiStatus'
        'Get-AmiLog'
        'Test-AmiConnection'
        'Wait-AmiEvent'
        'Get-AmiCall'
        'Get-AmiExtension'
        'New-AmiCall'
        'Stop-AmiCall'
        'Invoke-AmiAction'
        'Invoke-AmiCommand'
        'Receive-AmiEvent'
        'Start-AmiSimulator'
        'Stop-AmiSimulator'
        'Test-AmiHealth'
        'ConvertTo-AmiNagios'
        'ConvertTo-AmiPrometheus'
        'Export-AmiMetric'
        'Get-AmiEndpoint'
        'Get-AmiRegistration'
        'Get-AmiChannel'
        'Get-AmiServerInfo'
        # queues, issue 12
        'Get-AmiQueue'
        'Suspend-AmiQueueMember'
        'Resume-AmiQueueMember'
        'Add-AmiQueueMember'
        'Remove-AmiQueueMember'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Asterisk', 'AMI', 'VoIP', 'Telephony', 'PBX', 'Monitoring')
            ProjectUri   = 'https://example.invalid/amips'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
