# How to start the pwsh that runs this script again: pwsh itself, or `dotnet pwsh.dll` for the local .NET tool.
# Dot-sourced by build.ps1 and tests/pester/AmiPs.TestHelpers.ps1, so both start the same shell the same way.
function Get-PwshCommand {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, [Reflection.Assembly]::GetEntryAssembly().Location) }
    @($exe)
}
