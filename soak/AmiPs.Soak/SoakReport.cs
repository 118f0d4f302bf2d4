using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Client;

namespace AmiPs.Soak
{
    /// <summary>The checks at the end of a soak run and their figures.</summary>
    internal sealed class SoakReport
    {
        private readonly List<(string Check, bool Passed, string Figures)> _checks = new List<(string, bool, string)>();

        public SoakReport(SoakSettings settings, AmiSession session, IReadOnlyList<(TimeSpan At, long Bytes)> samples, SoakFaults faults, AmiSubscription fast, AmiSubscription slow, long fastRead, long slowRead, int slowCapacity)
        {
            var settled = samples.Where(s => s.At >= settings.Warmup).ToList();
            var baseline = Median(settled.Take(Math.Max(1, settled.Count / 4)).Select(s => s.Bytes));
            var final = Median(settled.Skip(Math.Max(0, settled.Count - 3)).Select(s => s.Bytes));
            var growth = baseline == 0 ? 0 : (final - baseline) / (double)baseline;
            Add("memory within 10 % of where it settled after warm-up", settled.Count >= 2 && growth <= 0.10, $"baseline {Mb(baseline)}, final {Mb(final)} ({growth:+0.0%;-0.0%}), peak {Mb(samples.Max(s => s.Bytes))}, {settled.Count} samples after warm-up");

            var options = session.Options;
            var history = session.GetEventHistory().Count;
            Add("trackers at their bounds", session.Calls.CompletedCount <= options.CompletedCallLimit && history <= options.EventHistorySize && session.Log.GetEntries().Count <= options.LogCapacity,
                $"completed calls {session.Calls.CompletedCount}/{options.CompletedCallLimit}, active calls {session.Calls.ActiveCount}, history {history}/{options.EventHistorySize}, log {session.Log.GetEntries().Count}/{options.LogCapacity}, extensions {session.Extensions.Count}");

            var unexplained = session.ProtocolErrors - faults.ExplainedProtocolErrors;
            Add("no unexplained protocol errors", unexplained == 0, $"{session.ProtocolErrors} protocol errors, {faults.ExplainedProtocolErrors} during garbage/overlong faults, {unexplained} unexplained");

            var subscriberDrops = fast.Dropped + slow.Dropped;
            var accounted = fastRead + fast.Pending + fast.Dropped;
            Add("every dropped event counted", session.EventsDropped == subscriberDrops && fast.Dropped == 0 && slowRead + slow.Pending + slow.Dropped == accounted,
                $"received {session.EventsReceived}; fast consumer read {fastRead} + pending {fast.Pending}, dropped {fast.Dropped}; slow consumer (capacity {slowCapacity}) read {slowRead} + pending {slow.Pending} + dropped {slow.Dropped}; session EventsDropped {session.EventsDropped}");

            Add("connected at the end, after every fault", session.State == AmiSessionState.Connected, $"{faults.Injected} faults, {session.ReconnectCount} reconnects, state {session.State}");
        }

        public bool Print()
        {
            Console.WriteLine();
            foreach (var (check, passed, figures) in _checks)
            {
                Console.WriteLine($"[{(passed ? "PASS" : "FAIL")}] {check}: {figures}");
            }

            return _checks.All(c => c.Passed);
        }

        private void Add(string check, bool passed, string figures) => _checks.Add((check, passed, figures));

        private static long Median(IEnumerable<long> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:0.0} MB";
    }
}
