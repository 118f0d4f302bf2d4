using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AmiPs.Simulator;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    public sealed class SimulatorOptionsTests
    {
        [Fact]
        public void Log_event_ids_are_unique()
        {
            var ids = typeof(AmiSimulator).Assembly.GetType("AmiPs.Simulator.SimulatorLogEvents")!
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => ((EventId)f.GetValue(null)!).Id)
                .ToList();
            Assert.NotEmpty(ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        [Fact]
        public async Task Users_without_a_secret_and_negative_times_are_refused()
        {
            await Assert.ThrowsAsync<ArgumentException>(() => AmiSimulator.StartAsync(new AmiSimulatorOptions { Users = new[] { new AmiSimulatorUser("admin", string.Empty) } }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AmiSimulator.StartAsync(new AmiSimulatorOptions { RingTime = TimeSpan.FromSeconds(-1) }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AmiSimulator.StartAsync(new AmiSimulatorOptions { Port = 70000 }));
        }

        [Fact]
        public void User_ToString_never_shows_the_secret()
        {
            var user = new AmiSimulatorUser("admin", "hidden-secret") { Read = "call" };
            Assert.DoesNotContain("hidden-secret", user.ToString());
        }
    }
}
