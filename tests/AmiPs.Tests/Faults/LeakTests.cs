using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Faults
{
    [Collection(SerialCollection.Name)]
    public sealed class LeakTests : FaultTestBase
    {
        private const int Cycles = 100;

        public LeakTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Fact]
        public async Task A_hundred_fault_cycles_leak_no_thread_socket_or_timer()
        {
            using var session = await ConnectedSessionAsync(o => o with
            {
                ReconnectDelay = TimeSpan.FromMilliseconds(1),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(5),
                KeepAliveInterval = TimeSpan.FromMilliseconds(50),
                PingTimeout = TimeSpan.FromMilliseconds(500),
            });
            await CycleAsync(session, 30); // warm up: the thread pool grows to its working size, JIT, first allocations
            var before = Snapshot();

            var watch = Stopwatch.StartNew();
            await CycleAsync(session, Cycles);
            var elapsed = watch.Elapsed;

            // Closed sockets and finished delays go away a moment after the last cycle.
            await Eventually.WaitUntilAsync(() => { var now = Snapshot(); return now.Sockets <= before.Sockets && now.Timers <= before.Timers + 4 && session.GetStatus().PendingActions == 0; }, Deadline, "sockets and timers back to their level");
            var after = Snapshot();
            Output.WriteLine($"{Cycles} fault cycles in {elapsed.TotalMilliseconds:0} ms ({elapsed.TotalMilliseconds / Cycles:0.0} ms each)");
            Output.WriteLine($"threads {before.Threads} -> {after.Threads} (pool {before.Pool} -> {after.Pool}), sockets {before.Sockets} -> {after.Sockets}, timers {before.Timers} -> {after.Timers}, pending actions {session.GetStatus().PendingActions}");

            Assert.Equal(Cycles + 30, session.ReconnectCount);
            // Pool threads come and go with load; a leak would be threads outside the pool, or a pool that keeps growing.
            Assert.True(after.Threads - after.Pool <= before.Threads - before.Pool + 1, $"non-pool threads {before.Threads - before.Pool} -> {after.Threads - after.Pool}");
            // The pool may add a few threads on a loaded machine (it plateaus: 11, 13, 13, 13 over 400 cycles at load 24);
            // one blocked thread per cycle would be a hundred.
            Assert.True(after.Pool <= before.Pool + 12, $"pool threads {before.Pool} -> {after.Pool}");
            // No pending action left behind is asserted by the wait above (it fails at its deadline otherwise): read again
            // here, a keep-alive ping sent since could be in flight and fail a session that leaks nothing.
            Assert.Equal(1, Proxy.OpenLinks);
        }

        private async Task CycleAsync(AmiSession session, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var next = session.ReconnectCount + 1;
                switch (i % 3)
                {
                    case 0:
                        Proxy.ResetAll();
                        break;
                    case 1:
                        await Proxy.DropMidMessageAsync();
                        break;
                    default:
                        Proxy.CutLogins(1);
                        Proxy.ResetAll();
                        break;
                }

                await Eventually.WaitUntilAsync(() => session.ReconnectCount == next && session.State == AmiSessionState.Connected, Deadline, $"cycle {i}");
            }
        }

        private static (int Threads, int Pool, int Sockets, int Timers) Snapshot()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return (Process.GetCurrentProcess().Threads.Count, ThreadPool.ThreadCount, OpenSockets(), (int)Timer.ActiveCount);
        }

        private static int OpenSockets()
        {
            if (!Directory.Exists("/proc/self/fd"))
            {
                return 0; // not Linux: the thread and timer counts still apply
            }

            return Directory.GetFiles("/proc/self/fd").Count(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
                }
                catch (IOException)
                {
                    return false;
                }
            });
        }
    }
}
