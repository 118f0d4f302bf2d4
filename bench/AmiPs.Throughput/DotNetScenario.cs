using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Throughput
{
    /// <summary>
    /// A session and a .NET subscriber (<see cref="AmiSession.Subscribe"/>) on the flood: every event is framed,
    /// typed, tracked (calls, extensions), kept in history and delivered; the subscriber touches each one.
    /// Timed from the start of the flood to the last event read.
    /// </summary>
    public static class DotNetScenario
    {
        public static AmiSession NewSession(IFlood server, string name) => new AmiSession(
            new AmiSessionOptions
            {
                Name = name,
                ComputerName = "127.0.0.1",
                Port = server.Port,
                AuthType = AmiAuthType.MD5,
                Reconnect = false,
                KeepAliveInterval = TimeSpan.FromMinutes(5),
            },
            new NetworkCredential(server.User, server.Secret));

        /// <param name="stall">The subscriber reads nothing until the flood is written: memory must stay bounded, drops counted.</param>
        public static async Task<RunResult> RunAsync(IFlood server, long events, int? capacity, bool stall = false, long warmUp = 0)
        {
            using var session = NewSession(server, "dotnet");
            await session.ConnectAsync().ConfigureAwait(false);
            await server.WaitForLoginsAsync(1, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var beforeFirstEvent = WorkingSetSampler.Trimmed();
            if (warmUp > 0)
            {
                await WarmUpAsync(session, server, warmUp).ConfigureAwait(false);
            }

            var receivedBefore = session.EventsReceived;
            var droppedBefore = session.EventsDropped;
            using var subscription = session.Subscribe(new AmiSubscriptionOptions { Capacity = capacity });
            var memory = new WorkingSetSampler();
            var allocated = AllocationMark.Now();
            var cost = CostMark.Now();
            var clock = Stopwatch.StartNew();
            var flood = server.FloodAsync(events);
            long read = 0;
            long checksum = 0;
            long heldWhileQueued = -1;
            if (stall)
            {
                await flood.ConfigureAwait(false);
                await WaitForAsync(() => session.EventsReceived - receivedBefore >= events, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                heldWhileQueued = memory.Retained(); // the stalled consumer's bound: its full queue, before it reads any
            }

            // A consumer as a user writes one: drain, then wait for more. No per-wait timer or token registration
            // (they would cost more than the events); a deadline guards against a flood that never completes.
            var deadline = Task.Delay(TimeSpan.FromMinutes(5));
            while (read < events)
            {
                while (subscription.TryRead(out var amiEvent))
                {
                    checksum += amiEvent.Event.Length;
                    read++;
                }

                if (read >= events || (stall && subscription.Pending == 0))
                {
                    break;
                }

                var more = subscription.WaitToReadAsync();
                if (more.IsCompletedSuccessfully)
                {
                    if (!more.Result)
                    {
                        break;
                    }

                    continue;
                }

                var waiting = more.AsTask();
                var allIn = flood.IsCompleted && session.EventsReceived - receivedBefore >= events;
                var woke = await Task.WhenAny(waiting, allIn ? Task.Delay(500) : deadline).ConfigureAwait(false);
                if (woke != waiting || !await waiting.ConfigureAwait(false))
                {
                    break; // everything arrived and nothing more is queued: the rest was dropped
                }
            }

            clock.Stop();
            var allocatedBytes = allocated.Since;
            var spent = cost.Since(); // before the full collection that measures what is held
            memory.Dispose();
            var retained = memory.Retained();
            await flood.ConfigureAwait(false);
            var dropped = session.EventsDropped - droppedBefore;
            var name = stall ? $".NET subscriber that stalls (capacity {capacity})" : $".NET subscriber (capacity {capacity?.ToString("N0") ?? $"default {AmiSessionOptions.Default.SubscriptionCapacity:N0}"})";
            var note = read == events ? string.Empty : $"read {read:N0} of {events:N0}";
            if (stall)
            {
                // The rate is the reader's (received while nobody reads); the subscriber kept its capacity.
                note = $"kept {read:N0} ({heldWhileQueued / (1024.0 * 1024):0.0} MB held while queued); ev/s = reader alone";
                read = session.EventsReceived - receivedBefore;
            }

            var perEvent = allocatedBytes / (double)Math.Max(1, read);
            await session.DisconnectAsync().ConfigureAwait(false);
            GC.KeepAlive(checksum);
            return new RunResult(name, read, clock.Elapsed.TotalSeconds, server.AverageEventBytes, perEvent, memory.Growth, dropped, note) { Retained = retained, Cost = spent, GrowthFromFirstEvent = memory.GrowthOver(beforeFirstEvent), WarmedUp = warmUp > 0 };
        }

        /// <summary>
        /// Unmeasured: lets tiered compilation reach its optimised code, as it has in any process that has run a while.
        /// The events are read as they come, as in the measured run: left queued, they would grow the heap first
        /// (100,000 events are about 60 MB), and the measured run's growth would hide in memory already committed.
        /// </summary>
        private static async Task WarmUpAsync(AmiSession session, IFlood server, long events)
        {
            using var subscription = session.Subscribe(new AmiSubscriptionOptions { Capacity = (int)events });
            var flood = server.FloodAsync(events);
            long read = 0;
            while (read < events)
            {
                while (subscription.TryRead(out _))
                {
                    read++;
                }

                if (read < events && !await subscription.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The warm-up subscription ended after {read} of {events} events.");
                }
            }

            await flood.ConfigureAwait(false);
        }

        internal static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException("Condition not met within " + timeout);
                }

                await Task.Delay(5).ConfigureAwait(false);
            }
        }
    }
}
