<#
.SYNOPSIS
    What the async machinery costs a fresh process, and whether ReadyToRun can take it away: a chain of N async methods
    that each suspend once, called once in a new process, in three builds of the same chain.
.DESCRIPTION
    A fresh process JIT-compiles 12-14 methods for each async method that suspends (AsyncStateMachineBox<,>,
    AwaitUnsafeOnCompleted<,>, ... instantiated over that method's state machine). Those are CoreLib's generic code over
    the library's structs, which a ReadyToRun image of the library cannot hold. This script writes a small library in
    three variants into a temporary folder, publishes it ReadyToRun for this machine's runtime identifier, and runs each
    variant -Runs times, each in a new process, printing the first call's wall time and the methods the JIT compiled:
      Task                the usual: async Task methods, await ... .ConfigureAwait(false)
      Builder             the same with a method builder of the library's own ([AsyncMethodBuilder]), CoreLib awaiters
      BuilderAndAwaiter   the library's own builder and its own awaiter (a struct holding the Task)
    Only the third leaves the instantiations all inside the library, so crossgen2 precompiles them. AmiPs does not use
    either: docs/benchmarks.md says what it would save on the health check's start-up and why it was not done.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/async-readytorun.ps1 -Methods 30 -Runs 7
#>
param(
    [ValidateRange(1, 200)] [int] $Methods = 30,
    [ValidateRange(1, 50)] [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
$root = Join-Path ([IO.Path]::GetTempPath()) "amips-async-r2r-$PID"
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
New-Item -ItemType Directory -Force (Join-Path $root lib), (Join-Path $root host) | Out-Null
try {

$variants = [ordered]@{
    Task              = @{ Attribute = ''; Await = '.ConfigureAwait(false)' }
    Builder           = @{ Attribute = '[AsyncMethodBuilder(typeof(OwnTaskBuilder))] '; Await = '.ConfigureAwait(false)' }
    BuilderAndAwaiter = @{ Attribute = '[AsyncMethodBuilder(typeof(OwnTaskBuilder))] '; Await = '.NoContext()' }
}
$chains = foreach ($name in $variants.Keys) {
    $v = $variants[$name]
    "public static class ${name}Chain {"
    for ($i = 0; $i -lt $Methods; $i++) {
        $next = if ($i -lt $Methods - 1) { "M$($i + 1)()" } else { 'Task.Delay(1)' }
        "    $($v.Attribute)public static async Task M$i() { await $next$($v.Await); }"
    }
    '}'
}

Set-Content (Join-Path $root lib/lib.csproj) @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework><Nullable>disable</Nullable>
    <RuntimeIdentifier>$rid</RuntimeIdentifier><SelfContained>false</SelfContained><PublishReadyToRun>true</PublishReadyToRun>
  </PropertyGroup>
</Project>
"@
# A minimal builder: the state machine is boxed once, on its first suspension, into a class of the library's own, and
# the method's Task comes from a TaskCompletionSource. Enough to measure; not a production builder (no cancellation
# state, no debugger support).
Set-Content (Join-Path $root lib/Chains.cs) (@'
using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

public abstract class OwnBox
{
    public readonly TaskCompletionSource<bool> Completion = new TaskCompletionSource<bool>();
    public Action MoveNextAction;
    public ExecutionContext Context;
}

public sealed class OwnBox<TStateMachine> : OwnBox where TStateMachine : IAsyncStateMachine
{
    private static readonly ContextCallback Run = box => ((OwnBox<TStateMachine>)box).StateMachine.MoveNext();
    public TStateMachine StateMachine;
    public OwnBox() => MoveNextAction = MoveNext;
    private void MoveNext()
    {
        if (Context is null) StateMachine.MoveNext(); else ExecutionContext.Run(Context, Run, this);
    }
}

public struct OwnTaskBuilder
{
    private OwnBox _box;
    private Exception _exception;
    public static OwnTaskBuilder Create() => default;
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();
    public void SetStateMachine(IAsyncStateMachine stateMachine) { }
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine => awaiter.OnCompleted(Box(ref stateMachine).MoveNextAction);
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine => awaiter.UnsafeOnCompleted(Box(ref stateMachine).MoveNextAction);
    private OwnBox Box<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (_box is null)
        {
            var box = new OwnBox<TStateMachine>();
            _box = box;                        // first, so the copy boxed next carries it
            box.StateMachine = stateMachine;
        }
        _box.Context = ExecutionContext.Capture();
        return _box;
    }
    public void SetResult() => _box?.Completion.SetResult(true);
    public void SetException(Exception exception) { if (_box is null) _exception = exception; else _box.Completion.SetException(exception); }
    public Task Task => _box is not null ? _box.Completion.Task : _exception is not null ? Task.FromException(_exception) : Task.CompletedTask;
}

public readonly struct NoContextAwaitable
{
    private readonly Task _task;
    public NoContextAwaitable(Task task) => _task = task;
    public NoContextAwaiter GetAwaiter() => new NoContextAwaiter(_task);
}

public readonly struct NoContextAwaiter : ICriticalNotifyCompletion
{
    private readonly Task _task;
    public NoContextAwaiter(Task task) => _task = task;
    public bool IsCompleted => _task.IsCompleted;
    public void GetResult() => _task.GetAwaiter().GetResult();
    public void OnCompleted(Action continuation) => _task.ConfigureAwait(false).GetAwaiter().OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => _task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(continuation);
}

public static class NoContextExtensions
{
    public static NoContextAwaitable NoContext(this Task task) => new NoContextAwaitable(task);
}

'@ + ($chains -join "`n"))

Set-Content (Join-Path $root host/host.csproj) @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>disable</Nullable></PropertyGroup>
  <ItemGroup><Reference Include="$root/libpub/lib.dll" /></ItemGroup>
</Project>
"@
$cases = ($variants.Keys | ForEach-Object { "`"$_`" => ${_}Chain.M0()," }) -join ' '
Set-Content (Join-Path $root host/Program.cs) @"
using System;
using System.Diagnostics;
using System.Runtime;
var methods = JitInfo.GetCompiledMethodCount(false);
var clock = Stopwatch.StartNew();
var task = args[0] switch { $cases _ => throw new ArgumentException(args[0]) };
task.GetAwaiter().GetResult();
Console.WriteLine(`$"{clock.Elapsed.TotalMilliseconds:0.0} {JitInfo.GetCompiledMethodCount(false) - methods}");
"@

& dotnet publish (Join-Path $root lib/lib.csproj) -c Release -o (Join-Path $root libpub) -nologo -v q | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'the library did not publish' }
& dotnet build (Join-Path $root host/host.csproj) -c Release -o (Join-Path $root hostbin) -nologo -v q | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'the host did not build' }
$hostDll = Join-Path $root hostbin/host.dll

$samples = @{}
foreach ($name in $variants.Keys) { $samples[$name] = [Collections.Generic.List[double[]]]::new() }
for ($run = 1; $run -le $Runs; $run++) {
    foreach ($name in $variants.Keys) {   # interleaved, so a noisy moment hits every variant alike
        $ms, $jit = ((& dotnet $hostDll $name) -split ' ')
        $samples[$name].Add(@([double] $ms, [double] $jit))
    }
}
function Get-Median([double[]] $values) { $sorted = $values | Sort-Object; $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
foreach ($name in $variants.Keys) {
    [pscustomobject]@{
        Variant          = $name
        Methods          = $Methods
        FirstCallMs      = Get-Median ($samples[$name] | ForEach-Object { $_[0] })
        JitMethods       = Get-Median ($samples[$name] | ForEach-Object { $_[1] })
        AllFirstCallMs   = ($samples[$name] | ForEach-Object { $_[0] }) -join ' '
    }
}
}
finally {
    # The temporary projects go whether or not they built.
    Remove-Item -Recurse -Force $root -ErrorAction Ignore
}
