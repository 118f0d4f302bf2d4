using System;
using System.Buffers;
using System.Collections.Generic;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;
using BenchmarkDotNet.Attributes;

namespace AmiPs.Benchmarks
{
    /// <summary>
    /// What the connection's read loop does for each event, stage by stage, on the fixture mix (about 1 MB a run).
    /// Every figure is per event (OperationsPerInvoke), so Mean is ns/event and Allocated is bytes/event.
    /// </summary>
    [MemoryDiagnoser]
    [MinColumn]
    [MedianColumn]
    public class ReaderBenchmarks
    {
        private const int Events = 2664; // FixtureEvents.Concatenated(1 MB): 9 rounds of the 296 fixture events

        private EventStream _whole = null!;
        private EventStream _segmented = null!;
        private AmiCallTracker _calls = null!;
        private AmiExtensionTracker _extensions = null!;
        private AmiEventHub _hub = null!;
        private AmiSubscription _subscription = null!;
        private List<AmiMessage> _parsed = null!;
        private string[] _lookupKeys = null!;

        [GlobalSetup]
        public void Setup()
        {
            _whole = new EventStream(0);
            _segmented = new EventStream(16 * 1024);
            if (_whole.EventCount != Events)
            {
                throw new InvalidOperationException($"The fixture mix has {_whole.EventCount} events, the benchmark assumes {Events}: update the constant.");
            }

            _calls = new AmiCallTracker(1000, "bench");
            _extensions = new AmiExtensionTracker("bench");
            _hub = new AmiEventHub(historySize: 10_000, defaultCapacity: 10_000);
            _subscription = _hub.Subscribe(new AmiSubscriptionOptions());

            _parsed = new List<AmiMessage>(Events);
            var parser = new AmiFrameParser();
            var buffer = _whole.Sequence;
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                _parsed.Add(message);
            }

            // As typed events ask: literals, and prefixed channel keys built at start-up (AmiChannelKeys), which are
            // not the parser's instances; Timestamp and DestUniqueid are absent from most of the mix.
            _lookupKeys = new[] { "Channel", "Uniqueid", "Linkedid", "Timestamp", string.Concat("Dest", "Uniqueid"), string.Concat("Channel", "StateDesc") };
        }

        /// <summary>Framing only: lines, keys (interned), one string per value, one message.</summary>
        [Benchmark(OperationsPerInvoke = Events)]
        public int Frame()
        {
            var parser = new AmiFrameParser();
            var buffer = _whole.Sequence;
            var count = 0;
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                count += message.Count;
            }

            return count;
        }

        /// <summary>Framing over 16 KB segments, as a pipe hands over socket reads.</summary>
        [Benchmark(OperationsPerInvoke = Events)]
        public int FrameSegmented()
        {
            var parser = new AmiFrameParser();
            var buffer = _segmented.Sequence;
            var count = 0;
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                count += message.Count;
            }

            return count;
        }

        /// <summary>Look-ups by key on messages already framed: six keys a message, as a typed event and the tracker read them.</summary>
        [Benchmark(OperationsPerInvoke = Events)]
        public int ReadFields()
        {
            var sum = 0;
            foreach (var message in _parsed)
            {
                foreach (var key in _lookupKeys)
                {
                    if (message.TryGetValue(key, out var value))
                    {
                        sum += value.Length;
                    }
                }
            }

            return sum;
        }

        /// <summary>Framing and the typed event object.</summary>
        [Benchmark(OperationsPerInvoke = Events)]
        public long FrameAndType()
        {
            var parser = new AmiFrameParser();
            var buffer = _whole.Sequence;
            var received = DateTimeOffset.Now;
            long sum = 0;
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                var amiEvent = AmiEventFactory.Create(message, received, "bench");
                sum += amiEvent.Event.Length;
            }

            return sum;
        }

        /// <summary>
        /// Everything the session does per event before a consumer sees it: frame, type, kind check, call and
        /// extension tracking, hub publish (history as bytes + one subscriber's queue), and the subscriber's read.
        /// </summary>
        [Benchmark(OperationsPerInvoke = Events)]
        public long FullReaderPath()
        {
            var parser = new AmiFrameParser { KeepRawMessage = true }; // as in a session with history on
            var buffer = _segmented.Sequence;
            long sum = 0;
            while (parser.TryReadMessage(ref buffer, out var message))
            {
                if (message.Kind != AmiMessageKind.Event)
                {
                    continue;
                }

                var amiEvent = AmiEventFactory.Create(message, DateTimeOffset.Now, "bench");
                _calls.Apply(amiEvent);
                _extensions.Apply(amiEvent);
                _hub.Append(amiEvent, parser.LastRawMessage);
                _hub.WakeSubscribers(); // the session wakes once per socket read; once per event here
                while (_subscription.TryRead(out var read))
                {
                    sum += read.Fields.Count;
                }
            }

            return sum;
        }
    }
}
