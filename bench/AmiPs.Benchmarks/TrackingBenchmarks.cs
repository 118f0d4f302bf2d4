using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Bench;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;
using BenchmarkDotNet.Attributes;

namespace AmiPs.Benchmarks
{
    /// <summary>Call and extension tracking: the fixture mix per event, and queries at scale (10,000 calls, 2,000 extensions).</summary>
    [MemoryDiagnoser]
    [MinColumn]
    [MedianColumn]
    public class TrackingBenchmarks
    {
        private AmiEvent[] _mix = null!;
        private AmiCallTracker _busy = null!;
        private AmiExtensionTracker _extensions = null!;
        private AmiEvent _update = null!;
        private AmiEvent _extensionUpdate = null!;

        [GlobalSetup]
        public void Setup()
        {
            var parser = new AmiFrameParser();
            var list = new List<AmiEvent>();
            foreach (var bytes in FixtureEvents.Events)
            {
                var sequence = new System.Buffers.ReadOnlySequence<byte>(bytes);
                while (parser.TryReadMessage(ref sequence, out var message))
                {
                    list.Add(AmiEventFactory.Create(message, DateTimeOffset.Now, "bench"));
                }
            }

            _mix = list.ToArray();
            _busy = new AmiCallTracker(1000, "bench");
            foreach (var e in SyntheticEvents.Calls(10_000))
            {
                _busy.Apply(e);
            }

            if (_busy.ActiveCount != 10_000)
            {
                throw new InvalidOperationException($"Expected 10,000 active calls, got {_busy.ActiveCount}.");
            }

            _extensions = new AmiExtensionTracker("bench");
            _extensions.Load(Enumerable.Range(0, 2000).Select(i => SyntheticEvents.ExtensionStatus(i, 0)));
            _update = SyntheticEvents.Newstate(5000, 1);
            _extensionUpdate = SyntheticEvents.ExtensionStatus(1000, 1);
        }

        /// <summary>Tracking the fixture mix into a fresh tracker; per event.</summary>
        [Benchmark(OperationsPerInvoke = 296)]
        public int ApplyFixtureMix()
        {
            var tracker = new AmiCallTracker(1000, "bench");
            foreach (var e in _mix)
            {
                tracker.Apply(e);
            }

            return tracker.ActiveCount;
        }

        /// <summary>One channel update while 10,000 calls are active.</summary>
        [Benchmark]
        public void ApplyOneEventAt10000Calls() => _busy.Apply(_update);

        /// <summary>One extension state change among 2,000 extensions.</summary>
        [Benchmark]
        public void ApplyExtensionStatusAt2000() => _extensions.Apply(_extensionUpdate);

        /// <summary>What Get-AmiCall -Active reads from Core: snapshots of 10,000 active calls (the cmdlet also sorts them).</summary>
        [Benchmark]
        public int SnapshotActive10000() => _busy.GetCalls(active: true, completed: false).OrderBy(c => c.StartTime).Count();
    }
}
