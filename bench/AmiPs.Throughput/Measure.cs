using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace AmiPs.Throughput
{
    /// <summary>One measured run, as printed in the report.</summary>
    public sealed record RunResult(string Name, long Events, double Seconds, double EventBytes, double AllocatedPerEvent, long WorkingSetGrowth, long Dropped, string Note = "")
    {
        /// <summary>Managed heap still held after the run (full collection), over the baseline: what the session keeps, not GC slack.</summary>
        public long Retained { get; init; } = -1;

        /// <summary>CPU and GC over the measured window, of the process named by <see cref="CostOf"/>.</summary>
        public ProcessCost? Cost { get; init; }

        public string CostOf { get; init; } = "client";

        /// <summary>
        /// Peak working set of the measured run over the process's before the session's first event (before the
        /// warm-up flood, if the run had one): the figure for "streaming N events grows the working set by at most X".
        /// </summary>
        public long GrowthFromFirstEvent { get; init; } = -1;

        public bool WarmedUp { get; init; }

        public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;

        public double MegabytesPerSecond => EventsPerSecond * EventBytes / (1024 * 1024);

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0,-44} {1,10:N0} ev {2,8:0.000} s {3,10:N0} ev/s {4,6:0.0} MB/s {5,6:N0} B/ev alloc {6,6:0.0} MB ws+ {9,5} MB held {7,8:N0} dropped {8}",
            Name,
            Events,
            Seconds,
            EventsPerSecond,
            MegabytesPerSecond,
            AllocatedPerEvent,
            WorkingSetGrowth / (1024.0 * 1024),
            Dropped,
            Note,
            Retained < 0 ? "-" : (Retained / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture));

        /// <summary>The second, indented line of a run: what its process spent; <paramref name="label"/> says which of the repeats.</summary>
        public string Details(string? label = null) => "    " + (label is null ? string.Empty : label + ", ") + CostOf + ": " + (Cost?.Describe(Events) ?? "no CPU figure") + (GrowthFromFirstEvent < 0 ? string.Empty : string.Format(
            CultureInfo.InvariantCulture,
            "; ws+ from before the first event{0}: {1:0.0} MB",
            WarmedUp ? " (warm-up included)" : string.Empty,
            GrowthFromFirstEvent / (1024.0 * 1024)));
    }

    /// <summary>
    /// Samples the working set every few milliseconds on its own thread, so a run reports its peak growth over the
    /// baseline taken at start (after a full collection), not just where it ended; or over any earlier
    /// <see cref="Trimmed"/> figure (<see cref="GrowthOver"/>).
    /// </summary>
    public sealed class WorkingSetSampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly long _baseline;
        private readonly long _managedBaseline;
        private long _peak;
        private volatile bool _stop;

        public WorkingSetSampler()
        {
            _baseline = Settled();
            _managedBaseline = GC.GetTotalMemory(forceFullCollection: true);
            _peak = _baseline;
            _thread = new Thread(Run) { IsBackground = true, Name = "ws-sampler" };
            _thread.Start();
        }

        public long Growth => GrowthOver(_baseline);

        /// <summary>The working set after a full collection (and the finalizers it queued).</summary>
        public static long Settled()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Current();
        }

        /// <summary>
        /// The working set after an aggressive collection, which also returns the memory the GC keeps committed for
        /// later: what the process needs now, whatever ran in it before (an earlier run's heap would lower the growth).
        /// </summary>
        public static long Trimmed()
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return Current();
        }

        public long GrowthOver(long baseline) => Math.Max(0, Interlocked.Read(ref _peak) - baseline);

        /// <summary>Managed bytes still reachable now over the start (after a full collection).</summary>
        public long Retained() => Math.Max(0, GC.GetTotalMemory(forceFullCollection: true) - _managedBaseline);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }

        private static long Current()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        private void Run()
        {
            while (!_stop)
            {
                var now = Current();
                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }

                Thread.Sleep(20); // every 20 ms: reading /proc costs, and must not compete with the run
            }
        }
    }

    /// <summary>Bytes allocated by this process between two points (the server's too only when it runs here: --in-process).</summary>
    public readonly struct AllocationMark
    {
        private readonly long _start;

        private AllocationMark(long start) => _start = start;

        public static AllocationMark Now() => new AllocationMark(GC.GetTotalAllocatedBytes(precise: true));

        public long Since => GC.GetTotalAllocatedBytes(precise: true) - _start;
    }
}
