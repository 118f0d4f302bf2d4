using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Simulator;

namespace AmiPs.Soak
{
    /// <summary>
    /// A long run against the simulator: call traffic, a fault every so often, a fast consumer and a deliberately
    /// slow one. At the end it checks that memory came back to where it settled after warm-up (within 10 %),
    /// that the trackers stayed at their bounds, that every protocol error is explained by an injected fault and
    /// every dropped event is counted. Exit code 0 when every check holds.
    /// </summary>
    public static class Program
    {
        private const int SlowCapacity = 200;

        public static async Task<int> Main(string[] args)
        {
            SoakSettings settings;
            try
            {
                settings = SoakSettings.Parse(args);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            // A fresh secret per run: the soak needs none from anywhere, and ships none.
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await using var simulator = await AmiSimulator.StartAsync(new AmiSimulatorOptions { Users = new[] { new AmiSimulatorUser("soak", secret) } });
            var options = new AmiSessionOptions
            {
                Name = "soak",
                ComputerName = "127.0.0.1",
                Port = simulator.Port,
                KeepAliveInterval = TimeSpan.FromSeconds(1),
                PingTimeout = TimeSpan.FromSeconds(1),
                ReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(2),
                MaxReconnectAttempts = 0,
                EventHistorySize = 5_000,
                CompletedCallLimit = 500,
                LogCapacity = 500,
            };
            using var session = new AmiSession(options, new NetworkCredential("soak", secret));
            await session.ConnectAsync();
            using var fast = session.Subscribe();
            using var slow = session.Subscribe(new AmiSubscriptionOptions { Capacity = SlowCapacity });
            using var stop = new CancellationTokenSource();
            long fastRead = 0, slowRead = 0;
            var consumers = new[]
            {
                Task.Run(async () => { await foreach (var _ in fast.ReadAllAsync(stop.Token)) { Interlocked.Increment(ref fastRead); } }),
                Task.Run(async () => { await foreach (var _ in slow.ReadAllAsync(stop.Token)) { Interlocked.Increment(ref slowRead); await Task.Delay(50, stop.Token); } }),
            };

            simulator.StartTraffic(settings.CallsPerSecond);
            var faults = new SoakFaults(simulator, session);
            var samples = new List<(TimeSpan At, long Bytes)>();
            var clock = Stopwatch.StartNew();
            var nextFault = settings.FaultEvery;
            var nextSample = TimeSpan.Zero;
            Console.WriteLine($"Soak: {settings.Minutes} min, {settings.CallsPerSecond} calls/s, a fault every {settings.FaultEvery.TotalSeconds} s, warm-up {settings.Warmup.TotalMinutes:0.##} min");
            while (clock.Elapsed < settings.Duration)
            {
                if (clock.Elapsed >= nextFault)
                {
                    await faults.InjectNextAsync();
                    nextFault += settings.FaultEvery;
                }

                if (clock.Elapsed >= nextSample)
                {
                    var bytes = GC.GetTotalMemory(forceFullCollection: true);
                    samples.Add((clock.Elapsed, bytes));
                    Console.WriteLine($"{clock.Elapsed:mm\\:ss} {session.State,-12} heap {bytes / 1024.0 / 1024:0.0} MB, events {session.EventsReceived}, dropped {session.EventsDropped}, calls {session.Calls.ActiveCount}/{session.Calls.CompletedCount}, reconnects {session.ReconnectCount}, protocol errors {session.ProtocolErrors}, faults {faults.Injected} (last: {faults.Last})");
                    nextSample += TimeSpan.FromSeconds(10);
                }

                await Task.Delay(200);
            }

            simulator.StopTraffic();
            await Eventually(() => session.State == AmiSessionState.Connected && session.Calls.ActiveCount == 0 && slow.Pending == 0, TimeSpan.FromSeconds(30));
            await Task.Delay(500); // the last events reach both consumers
            var report = new SoakReport(settings, session, samples, faults, fast, slow, Interlocked.Read(ref fastRead), Interlocked.Read(ref slowRead), SlowCapacity);
            stop.Cancel();
            await Task.WhenAll(consumers.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
            await session.DisconnectAsync();
            return report.Print() ? 0 : 1;
        }

        private static async Task Eventually(Func<bool> condition, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (!condition() && watch.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
        }
    }
}
