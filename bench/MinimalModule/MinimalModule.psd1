@{
    RootModule        = 'MinimalModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '3c1d7a52-6e0f-4b8e-9a43-2f5d8c1b7e60'
    Description       = 'The smallest binary module, for bench/health-startup.ps1: what any binary module import costs.'
    CmdletsToExport   = @('Test-Minimal')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
