using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AmiPs.Throughput
{
    /// <summary>
    /// CPU time in ns from Linux's clock_gettime: per thread (CLOCK_THREAD_CPUTIME_ID) or the whole process, user +
    /// system (CLOCK_PROCESS_CPUTIME_ID). Process.TotalProcessorTime reads /proc in 10 ms ticks, too coarse for a
    /// quick run; it is the fallback on other systems (for the thread clock too: no portable per-thread clock).
    /// </summary>
    internal static class CpuClock
    {
        private const int ProcessClock = 2;
        private const int ThreadClock = 3;

        public static long ThreadNanoseconds() => Read(ThreadClock);

        public static long ProcessNanoseconds() => Read(ProcessClock);

        private static long Read(int clock)
        {
            if (OperatingSystem.IsLinux() && clock_gettime(clock, out var time) == 0)
            {
                return time.Seconds * 1_000_000_000 + time.Nanoseconds;
            }

            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.Ticks * 100;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clock, out TimeSpec time);

        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
