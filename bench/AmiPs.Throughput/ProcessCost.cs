using System;
using System.Globalization;

namespace AmiPs.Throughput
{
    /// <summary>
    /// What a process spent over a measured window, every thread included: CPU time (user + system), and for this
    /// process its GC collections (as <see cref="GC.CollectionCount"/> counts them: a gen1 collection also counts as
    /// a gen0 one, a gen2 as both) and the time the GC paused it (<see cref="GC.GetTotalPauseDuration"/>).
    /// </summary>
    public sealed record ProcessCost(TimeSpan Cpu, int Gen0 = -1, int Gen1 = -1, int Gen2 = -1, TimeSpan GcPause = default)
    {
        public bool HasGc => Gen0 >= 0;

        public double CpuMicrosecondsPer(long events) => Cpu.TotalMilliseconds * 1000 / Math.Max(1, events);

        /// <summary>One readable phrase, e.g. <c>1.84 µs CPU/ev (1.840 s user+sys), GC gen0/1/2 80/9/1, 95.2 ms paused</c>.</summary>
        public string Describe(long events) => string.Format(
            CultureInfo.InvariantCulture,
            HasGc ? "{0:0.00} µs CPU/ev ({1:0.000} s user+sys), GC gen0/1/2 {2}/{3}/{4}, {5:0.0} ms paused" : "{0:0.00} µs CPU/ev ({1:0.000} s user+sys)",
            CpuMicrosecondsPer(events),
            Cpu.TotalSeconds,
            Gen0,
            Gen1,
            Gen2,
            GcPause.TotalMilliseconds);
    }

    /// <summary>This process's CPU time and GC counters at one point; <see cref="Since"/> gives the window's cost.</summary>
    public readonly struct CostMark
    {
        private readonly TimeSpan _cpu;
        private readonly int _gen0;
        private readonly int _gen1;
        private readonly int _gen2;
        private readonly TimeSpan _paused;

        private CostMark(TimeSpan cpu, int gen0, int gen1, int gen2, TimeSpan paused)
        {
            _cpu = cpu;
            _gen0 = gen0;
            _gen1 = gen1;
            _gen2 = gen2;
            _paused = paused;
        }

        public static CostMark Now() => new CostMark(Cpu(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public ProcessCost Since()
        {
            var now = Now();
            return new ProcessCost(now._cpu - _cpu, now._gen0 - _gen0, now._gen1 - _gen1, now._gen2 - _gen2, now._paused - _paused);
        }

        private static TimeSpan Cpu() => TimeSpan.FromTicks(CpuClock.ProcessNanoseconds() / 100);
    }
}
