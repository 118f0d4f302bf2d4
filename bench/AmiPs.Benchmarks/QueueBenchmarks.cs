using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AmiPs.Bench;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;
using BenchmarkDotNet.Attributes;

namespace AmiPs.Benchmarks
{
    /// <summary>
    /// The queue tracker at the scale: 500 members (20 queues of 25) and 100 waiting callers. Loading the
    /// QueueStatus answer, reading every queue (what Get-AmiQueue does), a pause among 500 members, and the cost of
    /// an event that is not about queues (what sessions that do not use queues pay).
    /// </summary>
    [MemoryDiagnoser]
    [MinColumn]
    [MedianColumn]
    public class QueueBenchmarks
    {
        private const int Queues = 20;
        private const int MembersPerQueue = 25;
        private List<AmiEvent> _list = null!;
        private AmiQueueTracker _tracker = null!;
        private AmiEvent _pause = null!;
        private AmiEvent _unpause = null!;
        private AmiEvent _foreign = null!;

        [GlobalSetup]
        public void Setup()
        {
            _list = new List<AmiEvent>();
            for (var q = 0; q < Queues; q++)
            {
                _list.Add(Event(("Event", "QueueParams"), ("Queue", Queue(q)), ("Max", "0"), ("Strategy", "rrmemory"), ("Calls", "5"), ("Holdtime", "12"), ("TalkTime", "95"),
                    ("Completed", "400"), ("Abandoned", "12"), ("ServiceLevel", "20"), ("ServicelevelPerf", "91.5"), ("ServicelevelPerf2", "89.0"), ("Weight", "0"), ("ActionID", "1")));
                for (var m = 0; m < MembersPerQueue; m++)
                {
                    _list.Add(Member("QueueMember", q, m, paused: m % 7 == 0));
                }

                for (var c = 1; c <= 5; c++)
                {
                    _list.Add(Event(("Event", "QueueEntry"), ("Queue", Queue(q)), ("Position", c.ToString(CultureInfo.InvariantCulture)), ("Channel", $"PJSIP/trunk-{q:x4}{c:x4}"),
                        ("Uniqueid", $"1700000000.{(q * 10) + c}"), ("CallerIDNum", "5550" + c), ("CallerIDName", "Caller"), ("ConnectedLineNum", "<unknown>"),
                        ("ConnectedLineName", "<unknown>"), ("Wait", (c * 7).ToString(CultureInfo.InvariantCulture)), ("Priority", "0"), ("ActionID", "1")));
                }
            }

            _tracker = new AmiQueueTracker("bench");
            _tracker.Load(_list, DateTimeOffset.MinValue);
            if (_tracker.GetQueues().Sum(q => q.Members.Count) != Queues * MembersPerQueue)
            {
                throw new InvalidOperationException("Expected 500 members.");
            }

            _pause = Member("QueueMemberPause", 10, 12, paused: true);
            _unpause = Member("QueueMemberPause", 10, 12, paused: false);
            _foreign = SyntheticEvents.Newstate(5000, 1);
        }

        /// <summary>Loading a QueueStatus answer of 500 members, 100 callers and 20 queues (at every login).</summary>
        [Benchmark]
        public int Load500Members()
        {
            var tracker = new AmiQueueTracker("bench");
            tracker.Load(_list, DateTimeOffset.MinValue);
            return tracker.Count;
        }

        /// <summary>What Get-AmiQueue reads when nothing changed since the last read: the cached snapshots.</summary>
        [Benchmark]
        public int GetQueuesUnchanged() => _tracker.GetQueues().Count;

        /// <summary>A member pauses and unpauses, then every queue is read: two new snapshots of 25 members, 18 cached.</summary>
        [Benchmark]
        public int PauseThenGetQueues()
        {
            _tracker.Apply(_pause);
            _tracker.Apply(_unpause);
            return _tracker.GetQueues().Count;
        }

        /// <summary>A channel event offered to the queue tracker: what sessions that do not use queues pay per event.</summary>
        [Benchmark]
        public void ApplyForeignEvent() => _tracker.Apply(_foreign);

        private static string Queue(int q) => "queue" + q.ToString("D2", CultureInfo.InvariantCulture);

        private static AmiEvent Member(string name, int q, int m, bool paused)
        {
            var list = name == "QueueMember";
            var iface = $"PJSIP/{1000 + (q * MembersPerQueue) + m}";
            var fields = new List<(string, string)>
            {
                ("Event", name), ("Queue", Queue(q)), (list ? "Name" : "MemberName", "Agent " + m), (list ? "Location" : "Interface", iface), ("StateInterface", iface),
                ("Membership", "dynamic"), ("Penalty", (m % 3).ToString(CultureInfo.InvariantCulture)), ("CallsTaken", "17"), ("LastCall", "1796149081"),
                ("LastPause", paused ? "1796149089" : "0"), ("LoginTime", "1796148992"), ("InCall", "0"), ("Status", (1 + (m % 2)).ToString(CultureInfo.InvariantCulture)),
                ("Paused", paused ? "1" : "0"), ("PausedReason", paused ? "lunch" : string.Empty), ("Wrapuptime", "0"),
            };
            fields.Add(list ? ("ActionID", "1") : ("Ringinuse", "1"));
            return Event(fields.ToArray());
        }

        private static AmiEvent Event(params (string Key, string Value)[] fields) =>
            AmiEventFactory.Create(new AmiMessage(fields.Select(f => new AmiField(f.Key, f.Value))), DateTimeOffset.Now, "bench");
    }
}
