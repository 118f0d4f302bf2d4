using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace AmiPs.Tests.Faults
{
    /// <summary>
    /// One session shared by eight PowerShell runspaces (as ForEach-Object -Parallel or a runspace pool would share it),
    /// each sending 125 actions through Invoke-AmiAction while the server answers out of order: every response
    /// reaches the runspace and the call that sent it.
    /// </summary>
    public sealed class RunspaceLoadTests : IDisposable
    {
        private const int Runspaces = 8;
        private const int ActionsEach = 125;
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly ITestOutputHelper _output;

        public RunspaceLoadTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task A_thousand_actions_from_eight_runspaces_on_one_session_each_get_their_own_answer()
        {
            _server.OnAction = (peer, action) =>
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(Random.Shared.Next(0, 20));
                    await peer.SendAsync(action.ActionId, ("Response", "Success"), ("Echo", action["Value"] ?? "?"));
                });
                return Task.CompletedTask;
            };
            using var session = new AmiSession(
                new AmiSessionOptions { Name = "shared", ComputerName = "127.0.0.1", Port = _server.Port, KeepAliveInterval = TimeSpan.Zero, ActionTimeout = TimeSpan.FromSeconds(30) },
                new NetworkCredential(_server.User, _server.Secret));
            await session.ConnectAsync();

            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(RepoPaths.ModuleManifest);
            var runspaces = Enumerable.Range(0, Runspaces).Select(_ => RunspaceFactory.CreateRunspace(state)).ToList();
            try
            {
                runspaces.ForEach(r => r.Open());
                var watch = Stopwatch.StartNew();
                var runs = runspaces.Select((runspace, r) =>
                {
                    var ps = PowerShell.Create();
                    ps.Runspace = runspace;
                    ps.AddScript(@"
                        param($Session, $Runspace, $Count)
                        1..$Count | ForEach-Object {
                            $value = ""r$Runspace-$_""
                            $reply = Invoke-AmiAction Echo @{ Value = $value } -Session $Session
                            '{0}|{1}|{2}' -f $value, $reply['Echo'], $reply.ActionId
                        }").AddArgument(session).AddArgument(r).AddArgument(ActionsEach);
                    return (ps, task: ps.InvokeAsync());
                }).ToList();
                var outputs = await Task.WhenAll(runs.Select(run => run.task));
                _output.WriteLine($"{Runspaces * ActionsEach} actions from {Runspaces} runspaces answered in {watch.ElapsedMilliseconds} ms");

                Assert.All(runs, run => Assert.False(run.ps.HadErrors, string.Join(" | ", run.ps.Streams.Error)));
                var lines = outputs.SelectMany(o => o).Select(o => ((string)o.BaseObject).Split('|')).ToList();
                Assert.Equal(Runspaces * ActionsEach, lines.Count);
                Assert.All(lines, parts => Assert.Equal(parts[0], parts[1]));
                Assert.Equal(Runspaces * ActionsEach, lines.Select(parts => parts[2]).Distinct().Count());
                Assert.Equal(Runspaces * ActionsEach, _server.ReceivedCount("Echo"));
                Assert.Equal(0, session.GetStatus().PendingActions);
                runs.ForEach(run => run.ps.Dispose());
            }
            finally
            {
                runspaces.ForEach(r => r.Dispose());
            }
        }

        public void Dispose() => _server.Dispose();
    }
}
