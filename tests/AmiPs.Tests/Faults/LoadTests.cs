using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace AmiPs.Tests.Faults
{
    /// <summary>Many sessions on one server, many concurrent actions on one session: every response reaches its own caller.</summary>
    public sealed class LoadTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly ITestOutputHelper _output;

        public LoadTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private AmiSession NewSession(string name) => new AmiSession(
            new AmiSessionOptions { Name = name, ComputerName = "127.0.0.1", Port = _server.Port, KeepAliveInterval = TimeSpan.Zero, ActionTimeout = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(30) },
            new NetworkCredential(_server.User, _server.Secret));

        [Fact]
        public async Task Fifty_sessions_connect_at_once_and_each_gets_its_own_answers()
        {
            var sessions = Enumerable.Range(0, 50).Select(i => NewSession("s" + i)).ToList();
            try
            {
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(sessions.Select(s => s.ConnectAsync()));
                var connected = watch.Elapsed;
                var pings = await Task.WhenAll(sessions.Select(s => s.SendActionAsync(new AmiAction("Ping"))));
                _output.WriteLine($"50 sessions connected in {connected.TotalMilliseconds:0} ms, 50 pings answered {watch.Elapsed.TotalMilliseconds - connected.TotalMilliseconds:0} ms later");

                Assert.All(sessions, s => Assert.Equal(AmiSessionState.Connected, s.State));
                Assert.All(pings, p => Assert.Equal("Pong", p["Ping"]));
                Assert.Equal(50, _server.Connections);
                Assert.Equal(50, _server.ReceivedCount("Login"));
            }
            finally
            {
                sessions.ForEach(s => s.Dispose());
            }
        }

        [Fact]
        public async Task A_thousand_concurrent_actions_from_eight_threads_are_never_lost_or_crossed()
        {
            var replies = 0;
            _server.OnAction = (peer, action) =>
            {
                if (action["Action"] != "Echo")
                {
                    return ScriptedAmiServer.RefuseAsync(peer, action); // the loads after login
                }

                // Answered out of order, after a random pause, from many tasks at once.
                _ = Task.Run(async () =>
                {
                    await Task.Delay(Random.Shared.Next(0, 20));
                    if (action["Action"] == "Echo")
                    {
                        Interlocked.Increment(ref replies); // not the trackers' ListCommands after login
                    }

                    await peer.SendAsync(action.ActionId, ("Response", "Success"), ("Echo", action["Value"] ?? "?"));
                });
                return Task.CompletedTask;
            };
            using var session = NewSession("load");
            await session.ConnectAsync();
            using var start = new ManualResetEventSlim();

            var watch = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(
                () =>
                {
                    start.Wait();
                    return Enumerable.Range(0, 125)
                        .Select(i => $"t{t}-{i}")
                        .Select(value => (value, reply: session.SendActionAsync(new AmiAction("Echo").Add("Value", value))))
                        .ToList();
                },
                TaskCreationOptions.LongRunning)).ToList();
            start.Set();
            var sent = (await Task.WhenAll(threads)).SelectMany(list => list).ToList();
            var answers = await Task.WhenAll(sent.Select(s => s.reply));
            _output.WriteLine($"1000 actions from 8 threads answered in {watch.ElapsedMilliseconds} ms");

            Assert.Equal(1000, sent.Count);
            Assert.Equal(sent.Select(s => s.value), answers.Select(a => a["Echo"]));
            Assert.Equal(1000, answers.Select(a => a.ActionId).Distinct().Count());
            Assert.Equal(1000, replies);
            Assert.Equal(0, session.GetStatus().PendingActions);
        }

        public void Dispose() => _server.Dispose();
    }
}
