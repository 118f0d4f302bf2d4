using System;
using System.Collections;
using System.Collections.Concurrent;
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
    /// <summary>
    /// A fleet of 100 simulated PBXes in one run, each on its own loopback address (127.0.1.x) and the same port, as a
    /// real fleet shares one AMI port: some down (nothing listens), some with a failing trunk. Every host answers once.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class FleetTests : IAsyncLifetime
    {
        private const int Hosts = 100;
        private readonly List<AmiSimulator> _simulators = new List<AmiSimulator>();
        private readonly HashSet<string> _down = new HashSet<string>();
        private readonly HashSet<string> _failingTrunk = new HashSet<string>();
        private int _port;

        internal static string Address(int i) => $"127.0.1.{i + 1}";

        public async Task InitializeAsync()
        {
            _port = await StartFleetAsync();
        }

        public async Task DisposeAsync()
        {
            await Task.WhenAll(_simulators.Select(s => s.DisposeAsync().AsTask()));
        }

        [Fact]
        public async Task A_hundred_pbxes_are_checked_in_one_run_and_each_answers_once()
        {
            var hosts = Enumerable.Range(0, Hosts).Select(i => new AmiSessionOptions { ComputerName = Address(i), Port = _port }).ToList();
            // What is judged is each host's state, not the ping's speed: one of 100 loopback PBXes on 2 cores under CI once
            // answered a ping in 1,001 ms (cause not found), which the 500 ms default makes a Warning for a healthy host.
            var pingBound = new Hashtable { ["Connection"] = new Hashtable { ["Warning"] = 5000, ["Critical"] = 9000 } };
            var request = AmiHealthRequest.Create(new[] { "Connection", "Registrations" }, pingBound, null, null, TimeSpan.FromSeconds(10));
            var batches = new ConcurrentQueue<IReadOnlyList<AmiHealthResult>>();

            var credential = new NetworkCredential("monitor", "fleet");
            var run = AmiHealthFleet.CheckHostsAsync(hosts.Select(host => (host, credential)).ToList(), request, AmiHealthFleet.DefaultThrottleLimit, batches.Enqueue);
            // A deadline, not a speed test: the bound is one host budget per round of 16 hosts, with room for a slow machine.
            var deadline = TimeSpan.FromTicks(request.HostBudget.Ticks * ((Hosts / AmiHealthFleet.DefaultThrottleLimit) + 1));
            Assert.Same(run, await Task.WhenAny(run, Task.Delay(deadline)));
            await run;

            Assert.Equal(Hosts, batches.Count); // one batch per host, each host once
            var byHost = batches.ToDictionary(b => b.Select(r => r.ComputerName).Distinct().Single(), b => b);
            Assert.Equal(hosts.Select(h => h.ComputerName).OrderBy(h => h), byHost.Keys.OrderBy(h => h));
            foreach (var (host, results) in byHost)
            {
                var connection = results.Single(r => r.Check == "Connection");
                if (_down.Contains(host))
                {
                    Assert.Equal(AmiHealthStatus.Critical, connection.Status);
                    Assert.Equal(AmiHealthStatus.Unknown, results.Single(r => r.Check == "Registrations").Status);
                    continue;
                }

                Assert.True(connection.Status == AmiHealthStatus.Ok, connection.ToString());
                var trunk = results.Single(r => r.Check == "Registrations" && r.Target == "trunk-a");
                Assert.Equal(_failingTrunk.Contains(host) ? AmiHealthStatus.Critical : AmiHealthStatus.Ok, trunk.Status);
            }
        }

        /// <summary>Starts the live PBXes on one port; every tenth address stays down and every seventh live one loses its trunk.</summary>
        private async Task<int> StartFleetAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = HealthCheckTests.ClosedPort();
                try
                {
                    for (var i = 0; i < Hosts; i++)
                    {
                        if (i % 10 == 3)
                        {
                            _down.Add(Address(i));
                            continue;
                        }

                        var options = HealthCheckTests.Healthy() with
                        {
                            Users = new[] { new AmiSimulatorUser("monitor", "fleet") },
                            Address = IPAddress.Parse(Address(i)),
                            Port = port,
                            SipRegistrations = new[] { SimulatedSip.Trunk("trunk-a") },
                        };
                        var simulator = await AmiSimulator.StartAsync(options);
                        _simulators.Add(simulator);
                        if (i % 7 == 0)
                        {
                            Assert.True(simulator.Sip.LoseRegistration("trunk-a", "Rejected"));
                            _failingTrunk.Add(Address(i));
                        }
                    }

                    return port;
                }
                catch (SocketException) when (attempt < 3)
                {
                    // Another process holds that port on one of the addresses: start over on another.
                    await DisposeAsync();
                    _simulators.Clear();
                    _down.Clear();
                    _failingTrunk.Clear();
                }
            }
        }
    }
}
