using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Simulator;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>A simulator per test with the recorded server's users (admin, monitor) and fast call phases.</summary>
    public abstract class SimulatorTestBase : IAsyncLifetime
    {
        protected const string AdminSecret = "amp111";
        protected const string MonitorSecret = "watchonly";

        private readonly List<RawAmiClient> _clients = new List<RawAmiClient>();
        private AmiSimulator? _simulator;

        protected AmiSimulator Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

        protected static AmiSimulatorOptions FastOptions() => new AmiSimulatorOptions
        {
            Users = new[]
            {
                new AmiSimulatorUser("admin", AdminSecret),
                new AmiSimulatorUser("monitor", MonitorSecret) { Read = "call,system,reporting", Write = string.Empty },
            },
            AuthFailureDelay = TimeSpan.FromMilliseconds(50),
            StepDelay = TimeSpan.FromMilliseconds(5),
            RingTime = TimeSpan.FromMilliseconds(40),
            TalkTime = TimeSpan.FromMilliseconds(60),
        };

        protected virtual AmiSimulatorOptions Configure(AmiSimulatorOptions options) => options;

        public async Task InitializeAsync() => _simulator = await AmiSimulator.StartAsync(Configure(FastOptions()));

        public async Task DisposeAsync()
        {
            foreach (var client in _clients)
            {
                await client.DisposeAsync();
            }

            if (_simulator is not null)
            {
                await _simulator.DisposeAsync();
            }
        }

        protected async Task<RawAmiClient> ConnectAsync()
        {
            var client = await RawAmiClient.ConnectAsync(Simulator.Port);
            _clients.Add(client);
            Assert.Equal("Asterisk Call Manager/13.0.0", await client.BannerAsync());
            return client;
        }

        protected async Task<RawAmiClient> LoginAsync(string? events = null)
        {
            var client = await ConnectAsync();
            var reply = await client.LoginAsync("admin", AdminSecret, events);
            Assert.Equal("Authentication accepted", reply["Message"]);
            return client;
        }

        protected AmiSession NewSession(string user = "admin", string secret = AdminSecret, Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var options = new AmiSessionOptions
            {
                ComputerName = "127.0.0.1",
                Port = Simulator.Port,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                ActionTimeout = TimeSpan.FromSeconds(5),
                ReconnectDelay = TimeSpan.FromMilliseconds(20),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
                KeepAliveInterval = TimeSpan.Zero,
            };
            return new AmiSession(change is null ? options : change(options), new NetworkCredential(user, secret));
        }

        /// <summary>The shape of a message: its first line (name, or Response status) and its keys in order; values ignored.</summary>
        protected static string Shape(AmiMessage message) =>
            (message.Kind == AmiMessageKind.Event ? "Event " + message.Name : message.Kind + " " + message.Name) + ": " + string.Join(",", message.Skip(1).Select(f => f.Key));
    }
}
