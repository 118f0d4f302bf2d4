using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AmiPs.Bench
{
    /// <summary>
    /// A flood with the shape of a busy PBX: <see cref="ConcurrentCalls"/> calls in progress at once, their events
    /// interleaved, each call the full event sequence of one recorded Asterisk transcript (VarSet and Newexten heavy,
    /// byte-exact except for its ids). Every call gets new ids that only ever increase (Uniqueid/Linkedid
    /// <c>1800000000.N</c>, channel sequence <c>-0000abcd</c>, bridge UUIDs), never reused, however long the flood runs:
    /// the call tracker opens and closes calls as it does on a real PBX, and no parser cache sees a value twice
    /// that it would not see live. Deterministic: the same seed gives the same stream.
    /// </summary>
    public sealed class CallFlood
    {
        private static readonly Regex Tokens = new Regex(
            @"(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(?<chan>(?<=-)[0-9a-f]{8}(?=[;,\r]))|(?<id>(?<![0-9.])[0-9]{10}\.[0-9]{1,5}(?![0-9]))",
            RegexOptions.CultureInvariant);

        private static readonly Lazy<Template[]> LazyTemplates = new Lazy<Template[]>(LoadTemplates);

        private readonly Template[] _templates = LazyTemplates.Value;
        private readonly Call[] _active;
        private readonly byte[] _number = new byte[32];
        private ulong _random;
        private int _nextTemplate;
        private long _nextId;
        private long _nextChannel;
        private long _nextBridge;

        public CallFlood(int concurrentCalls = 60, ulong seed = 0x9E3779B97F4A7C15)
        {
            ConcurrentCalls = concurrentCalls;
            _random = seed == 0 ? 1 : seed;
            _active = new Call[concurrentCalls];
            for (var i = 0; i < _active.Length; i++)
            {
                _active[i] = NewCall();
            }
        }

        public int ConcurrentCalls { get; }

        /// <summary>Events written so far.</summary>
        public long Written { get; private set; }

        /// <summary>Calls started so far (each with its own ids).</summary>
        public long CallsStarted { get; private set; }

        /// <summary>Room one event may need: the longest template event plus its ids grown to their widest.</summary>
        public int MaxEventBytes { get; } = LazyTemplates.Value.Max(t => t.MaxEventBytes) + 256;

        /// <summary>The recorded call sequences the flood is made of (one per fixture transcript with live events).</summary>
        public static int TemplateCount => LazyTemplates.Value.Length;

        /// <summary>
        /// Writes whole events into <paramref name="buffer"/> from <paramref name="offset"/> until it is nearly full or
        /// <paramref name="maxEvents"/> are written; returns the bytes written. <paramref name="hangups"/> counts the
        /// <c>Hangup</c> events among them.
        /// </summary>
        public int Fill(byte[] buffer, int offset, long maxEvents, out long events, out long hangups)
        {
            var at = offset;
            events = 0;
            hangups = 0;
            while (events < maxEvents && buffer.Length - at >= MaxEventBytes)
            {
                var slot = (int)(NextRandom() % (ulong)_active.Length);
                var call = _active[slot];
                var e = call.Template.Events[call.Position];
                at = Write(e, call, buffer, at);
                if (e.IsHangup)
                {
                    hangups++;
                }

                events++;
                if (++call.Position == call.Template.Events.Length)
                {
                    _active[slot] = NewCall();
                }
            }

            Written += events;
            return at - offset;
        }

        /// <summary>The next <paramref name="events"/> events as one array (for a prepared flood, or in-process runs).</summary>
        public byte[] Take(long events, out long hangups)
        {
            var output = new System.IO.MemoryStream();
            var chunk = new byte[256 * 1024];
            hangups = 0;
            for (var left = events; left > 0;)
            {
                var length = Fill(chunk, 0, left, out var wrote, out var h);
                output.Write(chunk, 0, length);
                left -= wrote;
                hangups += h;
            }

            return output.ToArray();
        }

        private int Write(TemplateEvent e, Call call, byte[] buffer, int at)
        {
            foreach (var part in e.Parts)
            {
                if (part.Literal is { } literal)
                {
                    literal.CopyTo(buffer, at);
                    at += literal.Length;
                    continue;
                }

                var value = call.Values[part.Slot];
                var slot = call.Template.Slots[part.Slot];
                switch (slot)
                {
                    case SlotKind.Id:
                        // 1800000000.N: the epoch part fixed, the sequence unique and rising, as Asterisk numbers channels.
                        Utf8Formatter.TryFormat(1_800_000_000L, buffer.AsSpan(at), out var w1);
                        at += w1;
                        buffer[at++] = (byte)'.';
                        Utf8Formatter.TryFormat(value, buffer.AsSpan(at), out var w2);
                        at += w2;
                        break;
                    case SlotKind.Channel:
                        Utf8Formatter.TryFormat(value, buffer.AsSpan(at), out var w3, new System.Buffers.StandardFormat('x', 8));
                        at += w3;
                        break;
                    default:
                        Utf8Formatter.TryFormat(value, buffer.AsSpan(at), out var w4, new System.Buffers.StandardFormat('x', 8));
                        at += w4;
                        Encoding.ASCII.GetBytes("-0000-4000-8000-", 0, 16, buffer, at);
                        at += 16;
                        Utf8Formatter.TryFormat(value, buffer.AsSpan(at), out var w5, new System.Buffers.StandardFormat('x', 12));
                        at += w5;
                        break;
                }
            }

            return at;
        }

        private Call NewCall()
        {
            var template = _templates[_nextTemplate];
            _nextTemplate = (_nextTemplate + 1) % _templates.Length;
            var values = new long[template.Slots.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = template.Slots[i] switch
                {
                    SlotKind.Id => _nextId++,
                    SlotKind.Channel => _nextChannel++,
                    _ => _nextBridge++,
                };
            }

            CallsStarted++;
            return new Call(template, values);
        }

        private ulong NextRandom()
        {
            // xorshift64*: cheap, deterministic, good enough to interleave calls.
            _random ^= _random >> 12;
            _random ^= _random << 25;
            _random ^= _random >> 27;
            return _random * 2685821657736338717UL;
        }

        private static Template[] LoadTemplates()
        {
            var templates = new List<Template>();
            foreach (var group in FixtureEvents.EventsByFile)
            {
                // Sent once after login, not per call: a flood of them is not what a PBX sends.
                var events = group.Where(e => !StartsWith(e, "Event: FullyBooted\r\n") && !StartsWith(e, "Event: SuccessfulAuth\r\n")).ToList();
                if (events.Count > 0)
                {
                    templates.Add(new Template(events));
                }
            }

            return templates.ToArray();
        }

        private static bool StartsWith(byte[] bytes, string text) => bytes.AsSpan().StartsWith(Encoding.ASCII.GetBytes(text));

        private enum SlotKind
        {
            Id,
            Channel,
            Bridge,
        }

        private sealed class Call
        {
            public Call(Template template, long[] values)
            {
                Template = template;
                Values = values;
            }

            public Template Template { get; }

            public long[] Values { get; }

            public int Position { get; set; }
        }

        private readonly struct Part
        {
            public Part(byte[]? literal, int slot)
            {
                Literal = literal;
                Slot = slot;
            }

            public byte[]? Literal { get; }

            public int Slot { get; }
        }

        private sealed class TemplateEvent
        {
            public TemplateEvent(Part[] parts, bool isHangup)
            {
                Parts = parts;
                IsHangup = isHangup;
            }

            public Part[] Parts { get; }

            public bool IsHangup { get; }
        }

        /// <summary>One recorded call: its events cut into literal bytes and id slots (one slot per distinct id).</summary>
        private sealed class Template
        {
            public Template(List<byte[]> events)
            {
                var slots = new Dictionary<string, int>(StringComparer.Ordinal);
                var kinds = new List<SlotKind>();
                var parsed = new List<TemplateEvent>();
                foreach (var bytes in events)
                {
                    var text = Encoding.ASCII.GetString(bytes);
                    var parts = new List<Part>();
                    var last = 0;
                    foreach (Match match in Tokens.Matches(text))
                    {
                        if (match.Index > last)
                        {
                            parts.Add(new Part(Encoding.ASCII.GetBytes(text.Substring(last, match.Index - last)), -1));
                        }

                        if (!slots.TryGetValue(match.Value, out var slot))
                        {
                            slot = kinds.Count;
                            slots.Add(match.Value, slot);
                            kinds.Add(match.Groups["uuid"].Success ? SlotKind.Bridge : match.Groups["chan"].Success ? SlotKind.Channel : SlotKind.Id);
                        }

                        parts.Add(new Part(null, slot));
                        last = match.Index + match.Length;
                    }

                    if (last < text.Length)
                    {
                        parts.Add(new Part(Encoding.ASCII.GetBytes(text.Substring(last)), -1));
                    }

                    parsed.Add(new TemplateEvent(parts.ToArray(), text.StartsWith("Event: Hangup\r\n", StringComparison.Ordinal)));
                    MaxEventBytes = Math.Max(MaxEventBytes, bytes.Length);
                }

                Events = parsed.ToArray();
                Slots = kinds.ToArray();
            }

            public TemplateEvent[] Events { get; }

            public SlotKind[] Slots { get; }

            public int MaxEventBytes { get; }
        }
    }
}
