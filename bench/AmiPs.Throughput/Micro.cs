using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using AmiPs.Bench;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Throughput
{
    /// <summary>
    /// The reader's stages in a loop on one thread, timed by the CPU time of that thread's process rather than the
    /// wall clock: on a machine shared with other work the CPU time per event is the stable figure, and the one
    /// that says how many events one core can take. Best of several rounds.
    /// </summary>
    public static class Micro
    {
        private const int WarmUpRounds = 6;

        /// <param name="flood">Read the bench flood's bytes (new ids for every call, as <c>bench/run.sh pwsh</c> sends)
        /// instead of the fixtures' events repeated with one id changed a round.</param>
        public static void Run(string stage, int rounds, bool flood)
        {
            var bytes = flood ? FloodBytes(4 << 20, out var events) : FixtureEvents.Concatenated(4 << 20, out events);
            var sequence = new ReadOnlySequence<byte>(bytes);
            var calls = new AmiCallTracker(1000, "micro");
            var extensions = new AmiExtensionTracker("micro");
            var hub = new AmiEventHub(10_000, 10_000);
            using var subscription = hub.Subscribe(new AmiSubscriptionOptions());
            var stages = stage == "all" ? new[] { "frame", "type", "track", "publish" } : new[] { stage };
            foreach (var name in stages)
            {
                var cpu = new List<double>();
                var wall = new List<double>();
                var allocated = new List<double>();
                for (var round = 0; round < rounds + WarmUpRounds; round++)
                {
                    var cpu0 = CpuClock.ThreadNanoseconds();
                    var alloc0 = GC.GetAllocatedBytesForCurrentThread();
                    var clock = Stopwatch.StartNew();
                    // As in a session with history on: the parser keeps each message's bytes for the history.
                    var parser = new AmiFrameParser { KeepRawMessage = name == "publish" };
                    var buffer = sequence;
                    long sum = 0;
                    while (parser.TryReadMessage(ref buffer, out var message))
                    {
                        if (name == "frame")
                        {
                            sum += message.Count;
                            continue;
                        }

                        var amiEvent = AmiEventFactory.Create(message, DateTimeOffset.Now, "micro");
                        if (name == "track" || name == "publish")
                        {
                            _ = message.ActionId;
                            calls.Apply(amiEvent);
                            extensions.Apply(amiEvent);
                        }

                        if (name == "publish")
                        {
                            hub.Append(amiEvent, parser.LastRawMessage);
                            hub.WakeSubscribers(); // the session wakes once per socket read; once per event here
                            while (subscription.TryRead(out var read))
                            {
                                sum += read.Fields.Count;
                            }
                        }

                        sum += amiEvent.Event.Length;
                    }

                    clock.Stop();
                    if (round >= WarmUpRounds)
                    {
                        cpu.Add((CpuClock.ThreadNanoseconds() - cpu0) / (double)events);
                        wall.Add(clock.Elapsed.TotalMilliseconds * 1e6 / events);
                        allocated.Add((GC.GetAllocatedBytesForCurrentThread() - alloc0) / (double)events);
                    }

                    GC.KeepAlive(sum);
                    if (round == WarmUpRounds - 1)
                    {
                        // Give the tiered compiler (starved on a busy machine) time to install the optimised code.
                        Thread.Sleep(1000);
                    }
                }

                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    (flood ? "flood " : string.Empty) + "micro {0,-8} thread cpu {1,6:0} ns/event (best; median {2:0}), wall {3,6:0} ns/event (best), {4,6:0} B/event allocated, {5:N0} events/s on one core (from best cpu)",
                    name,
                    cpu.Min(),
                    cpu.OrderBy(c => c).ElementAt(cpu.Count / 2),
                    wall.Min(),
                    allocated.Min(),
                    1e9 / cpu.Min()));
            }
        }

        private static byte[] FloodBytes(int minBytes, out int events)
        {
            var flood = new CallFlood();
            var bytes = flood.Take(minBytes / 400, out _); // about 400 bytes an event: at least minBytes, give or take
            events = (int)flood.Written;
            return bytes;
        }
    }
}
