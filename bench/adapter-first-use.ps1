<#
.SYNOPSIS
    What a fresh pwsh pays the first time its pipeline meets each event class: `Where-Object Event -eq` over one
    instance of every AmiEvent class, timed on the first pass (PowerShell's adapter and AmiPs's property table are
    built for each class) and on the second.
.EXAMPLE
    foreach ($i in 1..3) { dotnet pwsh -NoProfile -File bench/adapter-first-use.ps1 }
#>
param([string] $Module = (Join-Path $PSScriptRoot '../out/AmiPs/AmiPs.psd1'))
Import-Module $Module
$types = [AmiPs.Events.AmiEvent].Assembly.GetTypes() | Where-Object { $_.IsSubclassOf([AmiPs.Events.AmiEvent]) -and -not $_.IsAbstract }
$events = foreach ($type in $types) { [System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject($type) }
$clock = [Diagnostics.Stopwatch]::StartNew()
$null = $events | Where-Object Event -eq 'none'
$first = $clock.ElapsedMilliseconds
$clock.Restart()
$null = $events | Where-Object Event -eq 'none'
"first pass over $($types.Count) event classes: $first ms; second: $($clock.ElapsedMilliseconds) ms"
