using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Monitoring;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>Every check against the simulator in each of its states, through a light session of the runner's own.</summary>
    public sealed class HealthCheckTests : IAsyncLifetime
    {
        private const string Secret = "health-secret";
        private AmiSimulator _sim = null!;

        /// <summary>A PBX where all is well: up an hour, trunks registered, phones reachable, an agent free.</summary>
        internal static AmiSimulatorOptions Healthy() => new AmiSimulatorOptions
        {
            Users = new[] { new AmiSimulatorUser("monitor", Secret) },
            AuthFailureDelay = TimeSpan.FromMilliseconds(20),
            StepDelay = TimeSpan.FromMilliseconds(5),
            Uptime = TimeSpan.FromHours(1),
            SipEndpoints = new[] { SimulatedSip.Phone("1001"), SimulatedSip.Phone("1002"), SimulatedSip.Phone("trunk-a") },
            SipRegistrations = new[] { SimulatedSip.Trunk("trunk-a"), SimulatedSip.Trunk("trunk-b") },
            Queues = new[] { new SimulatedQueueConfig("support", new[] { new SimulatedQueueMemberConfig("Local/1001@office", "Alice", "Custom:1001") }) },
        };

        public async Task InitializeAsync() => _sim = await AmiSimulator.StartAsync(Healthy());

        public async Task DisposeAsync() => await _sim.DisposeAsync();

        [Fact]
        public async Task A_healthy_pbx_is_ok_on_every_check_and_target()
        {
            var results = await CheckAsync();

            Assert.All(results, r => Assert.True(r.Status == AmiHealthStatus.Ok, r.ToString()));
            Assert.Equal(new[] { "Connection", "Uptime", "Channels", "LongCalls", "Registrations", "Endpoints", "Queues" }, results.Select(r => r.Check).Distinct());
            Assert.Equal(new[] { "trunk-a", "trunk-b" }, results.Where(r => r.Check == "Registrations").Select(r => r.Target));
            Assert.Equal(new[] { "1001", "1002", "trunk-a" }, results.Where(r => r.Check == "Endpoints").Select(r => r.Target));
            Assert.All(results, r => Assert.Equal("127.0.0.1", r.ComputerName));
            var uptime = results.Single(r => r.Check == "Uptime");
            Assert.InRange(uptime.Value!.Value, 3600, 3600 + 600);
            Assert.Contains("up 1h", uptime.Message);
        }

        [Fact]
        public async Task A_trunk_that_loses_its_registration_is_critical_and_named()
        {
            Assert.True(_sim.Sip.LoseRegistration("trunk-b", "Rejected"));

            var results = await CheckAsync("Registrations");

            var trunk = results.Single(r => r.Target == "trunk-b");
            Assert.Equal(AmiHealthStatus.Critical, trunk.Status);
            Assert.Contains("not registered", trunk.Message);
            Assert.Contains("Rejected", trunk.Message);
            Assert.Equal(AmiHealthStatus.Ok, results.Single(r => r.Target == "trunk-a").Status);
            Assert.DoesNotContain(results, r => r.Message.Contains("pass", StringComparison.OrdinalIgnoreCase)); // AuthDetail passwords never surface
        }

        [Fact]
        public async Task Include_and_exclude_choose_the_targets()
        {
            Assert.True(_sim.Sip.LoseRegistration("trunk-b"));

            var results = await CheckAsync("Registrations", include: new[] { "trunk-*" }, exclude: new[] { "*-b" });

            Assert.Equal("trunk-a", results.Single(r => r.Check == "Registrations").Target);
        }

        [Fact]
        public async Task An_unreachable_endpoint_is_critical()
        {
            Assert.True(_sim.Sip.MakeUnreachable("1002"));

            var results = await CheckAsync("Endpoints");

            var phone = results.Single(r => r.Target == "1002");
            Assert.Equal(AmiHealthStatus.Critical, phone.Status);
            Assert.Contains("unavailable", phone.Message);
            Assert.Equal(AmiHealthStatus.Ok, results.Single(r => r.Target == "1001").Status);
            Assert.Equal("ms", results.Single(r => r.Target == "1001").Unit);
        }

        [Fact]
        public async Task Callers_waiting_with_no_agent_is_critical()
        {
            _sim.Queues.FillQueue("support", 2);

            var queue = (await CheckAsync("Queues")).Single(r => r.Check == "Queues");

            Assert.Equal("support", queue.Target);
            Assert.Equal(AmiHealthStatus.Critical, queue.Status);
            Assert.Equal(2, queue.Value);
            Assert.Contains("2 callers waiting", queue.Message);
            Assert.Contains("nobody to answer", queue.Message);
        }

        [Fact]
        public async Task A_restart_since_the_last_run_is_a_warning()
        {
            Assert.Equal(AmiHealthStatus.Ok, (await CheckAsync("Uptime")).Single(r => r.Check == "Uptime").Status);

            await _sim.Faults.RestartAsync(TimeSpan.FromMilliseconds(50));
            await Eventually.WaitUntilAsync(() => _sim.IsListening, TimeSpan.FromSeconds(10), "the simulator to listen again");
            var uptime = (await CheckAsync("Uptime")).Single(r => r.Check == "Uptime");

            Assert.Equal(AmiHealthStatus.Warning, uptime.Status);
            Assert.StartsWith("restarted ", uptime.Message);
            Assert.InRange(uptime.Value!.Value, 0, 599);
        }

        [Fact]
        public async Task Too_many_channels_and_a_long_call_cross_their_levels()
        {
            for (var i = 0; i < 2; i++)
            {
                await _sim.Pbx.PlaceCallAsync("555000" + i, "1001", SimulatedOutcome.Answered, TimeSpan.FromSeconds(30));
            }

            await Eventually.WaitUntilAsync(() => _sim.Pbx.ActiveChannels.Count >= 4 && _sim.Pbx.ActiveChannels.All(c => DateTimeOffset.UtcNow - c.Created > TimeSpan.FromSeconds(1.2)), TimeSpan.FromSeconds(10), "two calls up for over a second");
            var thresholds = new Hashtable { ["Channels"] = new Hashtable { ["Warning"] = 2, ["Critical"] = 4 }, ["LongCalls"] = new Hashtable { ["Warning"] = 1, ["Critical"] = 3600 } };

            var results = await CheckAsync("Channels,LongCalls", thresholds);

            var channels = results.Single(r => r.Check == "Channels");
            Assert.Equal(AmiHealthStatus.Critical, channels.Status);
            Assert.True(channels.Value >= 4, channels.ToString());
            Assert.Equal(4, channels.Critical);
            var longCalls = results.Single(r => r.Check == "LongCalls");
            Assert.Equal(AmiHealthStatus.Warning, longCalls.Status);
            Assert.Contains("Local/", longCalls.Message);
            var none = (await CheckAsync("LongCalls", thresholds, exclude: new[] { "Local/*" })).Single(r => r.Check == "LongCalls");
            Assert.Equal(AmiHealthStatus.Ok, none.Status); // -Exclude removed every channel
        }

        [Fact]
        public async Task A_pbx_without_pjsip_is_unknown_for_the_sip_checks_and_says_why()
        {
            await using var bare = await AmiSimulator.StartAsync(Healthy() with { SipStack = AmiSimulatorSipStack.None });

            var results = await CheckAsync(null, port: bare.Port);

            foreach (var check in new[] { "Registrations", "Endpoints" })
            {
                var result = results.Single(r => r.Check == check);
                Assert.Equal(AmiHealthStatus.Unknown, result.Status);
                Assert.Contains("PJSIP", result.Message);
            }

            Assert.Equal(AmiHealthStatus.Ok, results.Single(r => r.Check == "Connection").Status);
        }

        [Fact]
        public async Task A_pbx_without_app_queue_is_unknown_for_queues_and_says_why()
        {
            await using var bare = await AmiSimulator.StartAsync(Healthy() with { QueueModule = false });

            var results = await CheckAsync(null, port: bare.Port);

            var queues = Assert.Single(results, r => r.Check == "Queues");
            Assert.Equal(AmiHealthStatus.Unknown, queues.Status);
            Assert.Contains("app_queue", queues.Message);
            Assert.All(results.Where(r => r.Check != "Queues"), r => Assert.True(r.Status == AmiHealthStatus.Ok, r.ToString()));
        }

        [Fact]
        public async Task A_queue_result_measures_its_longest_wait_with_the_queuewait_levels()
        {
            _sim.Queues.FillQueue("support", 1);
            var thresholds = new Hashtable { ["QueueWait"] = new Hashtable { ["Warning"] = 0, ["Critical"] = 3600 } };

            var queue = (await CheckAsync("Queues", thresholds)).Single(r => r.Check == "Queues");

            var wait = Assert.Single(queue.Measures);
            Assert.Equal(("LongestWait", "s", (double?)0, (double?)3600), (wait.Name, wait.Unit, wait.Warning, wait.Critical));
            Assert.InRange(wait.Value, 0, 60);
        }

        [Fact]
        public async Task An_unreachable_host_is_critical_and_every_check_still_reports()
        {
            var results = await CheckAsync(null, port: ClosedPort());

            var connection = results.Single(r => r.Check == "Connection");
            Assert.Equal(AmiHealthStatus.Critical, connection.Status);
            Assert.Contains("refused", connection.Message);
            Assert.Equal(AmiHealthChecks.Names.Count, results.Count);
            Assert.All(results.Where(r => r.Check != "Connection"), r => Assert.Equal(AmiHealthStatus.Unknown, r.Status));
        }

        [Fact]
        public async Task A_wrong_password_is_critical_without_the_secret()
        {
            var results = await CheckAsync("Connection", secret: "not-the-secret");

            var connection = Assert.Single(results);
            Assert.Equal(AmiHealthStatus.Critical, connection.Status);
            Assert.Contains("Authentication failed", connection.Message);
            Assert.DoesNotContain("not-the-secret", connection.Message);
            await Eventually.WaitUntilAsync(() => _sim.ConnectionCount == 0, TimeSpan.FromSeconds(5), "the refused session to be closed");
        }

        [Fact]
        public async Task A_pbx_that_stops_answering_is_bounded_by_the_host_budget()
        {
            _sim.Faults.StopAnswering = true;
            var request = AmiHealthRequest.Create(new[] { "Channels" }, null, null, null, TimeSpan.FromMilliseconds(300));

            var run = AmiHealthRunner.CheckHostAsync(Options(_sim.Port), new NetworkCredential("monitor", Secret), request);
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.Same(run, finished);
            var results = await run;
            Assert.Equal(new[] { "Connection", "Channels" }, results.Select(r => r.Check));
            Assert.Equal(AmiHealthStatus.Critical, results[0].Status);
        }

        [Fact]
        public async Task A_light_session_loads_only_what_its_checks_read()
        {
            var request = AmiHealthRequest.Create(new[] { "Connection", "Channels" }, null, null, null, TimeSpan.FromSeconds(5));

            var light = request.LightOptions(Options(_sim.Port));

            Assert.Equal(AmiTrackedState.None, light.Track);
            Assert.Equal("off", light.Events);
            Assert.False(light.Reconnect);
            Assert.Equal(TimeSpan.Zero, light.KeepAliveInterval);
            var all = AmiHealthRequest.Create(null, null, null, null, TimeSpan.FromSeconds(5)).LightOptions(Options(_sim.Port));
            Assert.Equal(AmiTrackedState.Endpoints | AmiTrackedState.Registrations | AmiTrackedState.Queues, all.Track);
            Assert.Equal("system", all.Events); // FullyBooted's uptime, nothing chattier
        }

        private static AmiSessionOptions Options(int port) => new AmiSessionOptions { ComputerName = "127.0.0.1", Port = port };

        private Task<IReadOnlyList<AmiHealthResult>> CheckAsync(string? checks = null, IDictionary? thresholds = null, string[]? include = null, string[]? exclude = null, int? port = null, string secret = Secret)
        {
            var request = AmiHealthRequest.Create(checks?.Split(','), thresholds, include, exclude, TimeSpan.FromSeconds(5));
            return AmiHealthRunner.CheckHostAsync(Options(port ?? _sim.Port), new NetworkCredential("monitor", secret), request);
        }

        internal static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
