# Module manifest for AmiPs. ModuleVersion is stamped from Directory.Build.props (AmiPsVersion) by the build.
@{
    RootModule           = 'AmiPs.dll'
    # Loaded before TypesToProcess, so the property adapter named there (AmiPs.Commands.AmiEventAdapter) can be found.
    # Creating it runs AmiPs.dll's module initializer, which loads AmiPs.Core (the event types adapted there) before
    # PowerShell looks them up: the ReadyToRun image in Dependencies/<rid>/ on PowerShell 7.6 where one matches the
    # OS and CPU, the IL in Dependencies/ otherwise; and the third-party libraries privately (ModuleAssemblyLoader.cs).
    RequiredAssemblies   = @('AmiPs.dll')
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
