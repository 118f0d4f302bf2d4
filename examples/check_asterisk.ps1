<#
.SYNOPSIS
    A Nagios/Icinga plugin for Asterisk: runs Test-AmiHealth, prints the plugin text and exits 0, 1, 2 or 3.
.DESCRIPTION
    Its parameters are Test-AmiHealth's. The credential comes from -Credential or, as a scheduler passes it, from the
    environment: AMI_USERNAME and AMI_PASSWORD (never put the secret on the command line, where ps and logs show it).
    -Warning and -Critical set both levels of every chosen check that has a threshold of its own name (Connection,
    Uptime, Channels, LongCalls, Endpoints); -Threshold (with pwsh -Command) sets any level and wins.
    Whatever goes wrong, it prints one plugin line and exits with a plugin code: a usage error is UNKNOWN (3).
.EXAMPLE
    AMI_USERNAME=nagios AMI_PASSWORD=... pwsh -NoProfile -File check_asterisk.ps1 -ComputerName pbx01 -Check Registrations,Channels -Warning 50 -Critical 100
.EXAMPLE
    pwsh -NoProfile -File check_asterisk.ps1 -ComputerName pbx01 -Check Endpoints -Include 'trunk-*'
#>
[CmdletBinding()]
param(
    [string[]] $ComputerName,
    [int] $Port,
    [pscredential] $Credential,
    [string] $AuthType,
    [switch] $UseTls,
    [switch] $SkipCertificateCheck,
    # Comma-separated names are split, as pwsh -File passes "Registrations,Channels" as one string.
    [string[]] $Check,
    [hashtable] $Threshold,
    [string[]] $Include,
    [string[]] $Exclude,
    [int] $ThrottleLimit,
    [double] $Timeout,
    [double] $Warning = -1,
    [double] $Critical = -1
)

try {
    if (-not (Get-Module AmiPs)) { Import-Module AmiPs -ErrorAction Stop }
    $health = @{ ErrorAction = 'Stop' }
    foreach ($name in 'ComputerName', 'Port', 'Credential', 'AuthType', 'UseTls', 'SkipCertificateCheck', 'Include', 'Exclude', 'ThrottleLimit', 'Timeout') {
        if ($PSBoundParameters.ContainsKey($name)) { $health[$name] = $PSBoundParameters[$name] }
    }

    $checks = @($Check | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
    if ($checks.Count -gt 0) { $health.Check = $checks }

    $levels = @{}
    if ($Warning -ge 0 -or $Critical -ge 0) {
        foreach ($name in @($checks | Where-Object { $_ -in 'Connection', 'Uptime', 'Channels', 'LongCalls', 'Endpoints' })) {
            $level = @{}
            if ($Warning -ge 0) { $level.Warning = $Warning }
            if ($Critical -ge 0) { $level.Critical = $Critical }
            $levels[$name] = $level
        }
    }

    if ($Threshold) { foreach ($key in $Threshold.Keys) { $levels[$key] = $Threshold[$key] } }
    if ($levels.Count -gt 0) { $health.Threshold = $levels }

    $nagios = Test-AmiHealth @health | ConvertTo-AmiNagios
    Write-Output $nagios.Output
    exit $nagios.ExitCode
}
catch {
    # A usage error (no host, no credential, an unknown check or threshold) still answers as a plugin must.
    Write-Output ("AMI UNKNOWN - " + ($_.Exception.Message -replace '[\r\n|]+', ' '))
    exit 3
}
