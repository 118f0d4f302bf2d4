# Shared by every tests/pester/*.Tests.ps1: dot-source it in the file's BeforeAll
#     BeforeAll { . (Join-Path $PSScriptRoot 'AmiPs.TestHelpers.ps1') }
# It imports the built module (out/AmiPs, made by `dotnet build AmiPs.sln -c Release` or ./build.ps1) and gives
# the helpers below. Not a *.Tests.ps1 file, so Pester does not run it by itself.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:ModuleManifest = Join-Path $RepoRoot 'out/AmiPs/AmiPs.psd1'
Import-Module $ModuleManifest -Force -ErrorAction Stop

# A simulator and a session to it, the session the default one. Extra Connect-Ami parameters go in -Connect.
function New-TestSession {
    param([hashtable] $Simulator = @{}, [hashtable] $Connect = @{})
    $sim = Start-AmiSimulator @Simulator
    $session = $sim | Connect-Ami @Connect
    [pscustomobject]@{ Simulator = $sim; Session = $session }
}

# What a file's AfterAll (or a Context's) calls: no session or simulator outlives its file.
function Remove-TestSessions {
    Get-AmiSession | Disconnect-Ami
    Stop-AmiSimulator
}

function Get-TestSecret([Parameter(Mandatory)] $Simulator) { $Simulator.Credential.GetNetworkCredential().Password }

function New-TestCredential([string] $UserName = 'admin', [string] $Secret = 'pester-' + [guid]::NewGuid().ToString('N')) {
    [pscredential]::new($UserName, (ConvertTo-SecureString $Secret -AsPlainText -Force))
}

# Polls a condition until it holds, failing with what was awaited once the deadline passes (a deadline, never a fixed sleep).
function Wait-Until {
    param([Parameter(Mandatory)] [scriptblock] $Condition, [Parameter(Mandatory)] [string] $Because, [double] $Seconds = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting for $Because" }
        Start-Sleep -Milliseconds 25
    }
}

# A port nothing listens on: taken from the OS, then released.
function Get-ClosedPort {
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# This pwsh as a command line: `dotnet pwsh` runs pwsh.dll through the dotnet host, an installed pwsh is its own executable.
. (Join-Path $PSScriptRoot '../../build/PwshCommand.ps1')

# Runs a new pwsh process (as a user or a scheduler would), with extra environment variables ($null removes one);
# returns its exit code and its output. Fails the test if the process outlives the deadline.
function Invoke-Pwsh {
    param([Parameter(Mandatory)] [string[]] $Arguments, [hashtable] $Environment = @{}, [double] $Seconds = 120)
    $command = Get-PwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $Arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $RepoRoot
    $start.Environment['NO_COLOR'] = '1' # plain text, as a log file gets it
    foreach ($pair in $Environment.GetEnumerator()) {
        if ($null -eq $pair.Value) { [void] $start.Environment.Remove($pair.Key) } else { $start.Environment[$pair.Key] = [string] $pair.Value }
    }
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit([int] ($Seconds * 1000))) {
            $process.Kill($true)
            throw "pwsh $($Arguments -join ' ') did not exit within $Seconds s"
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }
    finally { $process.Dispose() }
}

# The NuGet packages folder that build/Tools.proj was restored into (build.ps1 restores it before running Pester).
function Get-RestoredPackage([Parameter(Mandatory)] [string] $RelativePath) {
    $assets = Join-Path $RepoRoot 'build/obj/project.assets.json'
    if (-not (Test-Path $assets)) { throw "build/Tools.proj is not restored: run ./build.ps1 -Task Pester (or dotnet restore build/Tools.proj)" }
    foreach ($folder in (Get-Content -Raw $assets | ConvertFrom-Json -AsHashtable).packageFolders.Keys) {
        $path = Join-Path $folder $RelativePath
        if (Test-Path $path) { return $path }
    }
    throw "$RelativePath is not in the packages restored for build/Tools.proj"
}
