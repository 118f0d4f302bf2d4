using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace AmiPs.Throughput
{
    /// <summary>
    /// Runs a scenario <c>--repeat N</c> times in this process, prints every run, then the median and range: one run on
    /// a shared machine says little, and the spread says how much. Every run is the same procedure, its warm-up
    /// included: without it a run would start with an empty history (so <c>held</c> would count the history it fills)
    /// and with the gen0 budget the run before committed (so <c>ws+</c> would look smaller).
    /// </summary>
    public sealed class Repeats
    {
        private readonly int _times;

        public Repeats(int times) => _times = Math.Max(1, times);

        /// <param name="run">One measured run, warm-up included.</param>
        /// <param name="check">Called with every run, so a lost event in any of them fails the whole.</param>
        public async Task<IReadOnlyList<RunResult>> RunAsync(Func<Task<RunResult>> run, Action<RunResult>? check = null)
        {
            var results = new List<RunResult>();
            for (var i = 1; i <= _times; i++)
            {
                var result = await run().ConfigureAwait(false);
                results.Add(result);
                Console.WriteLine(result);
                Console.WriteLine(result.Details(_times == 1 ? null : $"run {i}/{_times}"));
                check?.Invoke(result);
            }

            if (_times > 1)
            {
                Console.WriteLine(Summary(results));
            }

            return results;
        }

        public static double MedianRate(IReadOnlyList<RunResult> runs) => Median(runs.Select(r => r.EventsPerSecond));

        private static string Summary(IReadOnlyList<RunResult> runs)
        {
            var rates = runs.Select(r => r.EventsPerSecond).ToArray();
            var text = string.Format(
                CultureInfo.InvariantCulture,
                "{0,-44} median of {1}: {2:N0} ev/s ({3:N0}–{4:N0})",
                runs[0].Name,
                runs.Count,
                Median(rates),
                rates.Min(),
                rates.Max());
            var cpu = runs.Where(r => r.Cost is not null).Select(r => r.Cost!.CpuMicrosecondsPer(r.Events)).ToArray();
            return cpu.Length == 0 ? text : text + string.Format(CultureInfo.InvariantCulture, ", {0:0.00} µs CPU/ev ({1:0.00}–{2:0.00})", Median(cpu), cpu.Min(), cpu.Max());
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
