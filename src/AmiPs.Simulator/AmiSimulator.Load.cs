using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Simulator
{
    /// <summary>Load: generated call traffic and event floods.</summary>
    public sealed partial class AmiSimulator
    {
        /// <summary>At most this many generated calls at once, so a high rate cannot grow without bound.</summary>
        public const int MaxTrafficCalls = 500;

        /// <summary>Frames per prepared block of a flood (about 3 KB): few enough that the session's queue still bounds it.</summary>
        private const int FloodBlockEvents = 8;

        private readonly object _trafficLock = new object();
        private CancellationTokenSource? _traffic;

        /// <summary>Starts (or changes the rate of) random calls: random callers and extensions, mostly answered, short talk times.</summary>
        public void StartTraffic(double callsPerSecond)
        {
            if (callsPerSecond <= 0 || double.IsNaN(callsPerSecond) || double.IsInfinity(callsPerSecond))
            {
                throw new ArgumentOutOfRangeException(nameof(callsPerSecond), callsPerSecond, "The call rate must be a positive number.");
            }

            var traffic = new CancellationTokenSource();
            lock (_trafficLock)
            {
                _traffic?.Cancel();
                _traffic?.Dispose();
                _traffic = traffic;
            }

            _ = TrafficLoopAsync(callsPerSecond, traffic.Token);
        }

        public void StopTraffic()
        {
            lock (_trafficLock)
            {
                _traffic?.Cancel();
                _traffic?.Dispose();
                _traffic = null;
            }
        }

        /// <summary>
        /// Sends <paramref name="eventsPerSession"/> realistic call events (15-25 fields, about 400 bytes) to every logged-in
        /// session, each as fast as it reads: every write waits for room in the session's bounded queue. Returns the total
        /// written to sockets.
        /// </summary>
        public async Task<long> FloodAsync(long eventsPerSession, CancellationToken ct = default)
        {
            if (eventsPerSession < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(eventsPerSession), eventsPerSession, "The event count cannot be negative.");
            }

            var frames = FloodEvents.Frames(Options.TimestampEvents); // framed per flood, so Timestamp is the flood's time
            var sessions = _sessions.Keys.Where(s => s.LoggedIn).ToArray();
            var counts = await Task.WhenAll(sessions.Select(session => FloodSessionAsync(session, frames, eventsPerSession, ct))).ConfigureAwait(false);
            return counts.Sum();
        }

        private static async Task<long> FloodSessionAsync(SimulatorSession session, byte[][] frames, long count, CancellationToken ct)
        {
            // Whole runs of the cycle go out as prepared blocks of FloodBlockEvents frames, one queue item each, so the
            // flood costs a queue write per block rather than per event; the bytes and their order are the same.
            var blocks = FloodEvents.Blocks(frames, FloodBlockEvents);
            long sent = 0;
            while (sent < count)
            {
                var index = sent % frames.Length;
                var block = blocks[index / FloodBlockEvents];
                var whole = index % FloodBlockEvents == 0 && count - sent >= block.Events;
                var ok = whole
                    ? await session.SendEventsAsync(block.Bytes, block.Events, ct).ConfigureAwait(false)
                    : await session.SendEventAsync(frames[index], ct).ConfigureAwait(false);
                if (!ok)
                {
                    break;
                }

                sent += whole ? block.Events : 1;
            }

            // A session that stopped reading may never reach the marker; cancelling the flood must still end it.
            return await AmiTasks.WaitOrCancelAsync(session.FlushAsync(), ct).ConfigureAwait(false) ? sent : 0;
        }

        private async Task TrafficLoopAsync(double callsPerSecond, CancellationToken ct)
        {
            var random = new Random();
            var interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / callsPerSecond));
            var next = DateTimeOffset.UtcNow;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var extensions = Pbx.Extensions;
                    if (extensions.Count > 0 && Pbx.ActiveCalls < MaxTrafficCalls)
                    {
                        var to = extensions[random.Next(extensions.Count)].Exten;
                        var from = "555" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
                        var roll = random.Next(100);
                        var outcome = roll < 65 ? SimulatedOutcome.Answered : roll < 80 ? SimulatedOutcome.Busy : roll < 92 ? SimulatedOutcome.NoAnswer : SimulatedOutcome.CallerHangup;
                        var talk = TimeSpan.FromTicks((long)(Options.TalkTime.Ticks * (0.5 + random.NextDouble() * 1.5)));
                        await Pbx.PlaceCallAsync(from, to, outcome, talk, CallerNames[random.Next(CallerNames.Length)]).ConfigureAwait(false);
                    }

                    next += interval;
                    var wait = next - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, ct).ConfigureAwait(false);
                    }
                    else if (wait < TimeSpan.FromSeconds(-1))
                    {
                        next = DateTimeOffset.UtcNow; // far behind: do not burst to catch up
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // traffic stopped
            }
        }

        private static readonly string[] CallerNames = { "Alice", "Bob", "Carol", "Dave", "Erin", "O'Brien", "Frank", "Grace" };
    }

    /// <summary>The flood's event mix: the channel events of recorded calls, framed once with varying ids.</summary>
    internal static class FloodEvents
    {
        public static byte[][] Frames(bool timestamp)
        {
            var frames = new List<byte[]>();
            var now = DateTimeOffset.UtcNow;
            var epoch = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            for (var call = 0; call < 16; call++)
            {
                var id = call * 2;
                var suffix = call.ToString("x8", CultureInfo.InvariantCulture);
                var caller = new SimulatedChannel($"Local/2000@office-{suffix};1", $"{epoch}.{id}", $"{epoch}.{id}", "office", "2000", 0)
                {
                    CallerIDNum = "555" + (1000 + call).ToString(CultureInfo.InvariantCulture),
                    CallerIDName = "Caller " + call.ToString(CultureInfo.InvariantCulture),
                };
                var callee = new SimulatedChannel($"Local/2000@office-{suffix};2", $"{epoch}.{id + 1}", $"{epoch}.{id}", "office", "2000", 4)
                {
                    CallerIDNum = caller.CallerIDNum,
                    CallerIDName = caller.CallerIDName,
                    ConnectedLineNum = caller.CallerIDNum,
                    ConnectedLineName = caller.CallerIDName,
                };
                frames.Add(new SimEvent("Newchannel", AmiClasses.Call).AddChannel(caller).Frame(timestamp, now));
                frames.Add(new SimEvent("Newexten", AmiClasses.Dialplan).AddChannel(callee).Add("Extension", "2000").Add("Application", "Dial").Add("AppData", "Local/1001@office,10").Frame(timestamp, now));
                frames.Add(new SimEvent("VarSet", AmiClasses.Dialplan).AddChannel(callee).Add("Variable", "DIALSTATUS").Add("Value", "ANSWER").Frame(timestamp, now));
                frames.Add(new SimEvent("NewCallerid", AmiClasses.Call).AddChannel(callee).Add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)").Frame(timestamp, now));
                callee.State = 6;
                frames.Add(new SimEvent("Newstate", AmiClasses.Call).AddChannel(callee).Frame(timestamp, now));
                frames.Add(new SimEvent("HangupRequest", AmiClasses.Call).AddChannel(callee).Add("Cause", 16).Frame(timestamp, now));
                frames.Add(new SimEvent("Hangup", AmiClasses.Call).AddChannel(caller).Add("Cause", 16).Add("Cause-txt", "Normal Clearing").Frame(timestamp, now));
                frames.Add(new SimEvent("SoftHangupRequest", AmiClasses.Call).AddChannel(caller).Add("Cause", 16).Frame(timestamp, now));
            }

            return frames.ToArray();
        }

        /// <summary>The frames cut in order into blocks of up to <paramref name="size"/> frames, each one byte array.</summary>
        public static (byte[] Bytes, int Events)[] Blocks(byte[][] frames, int size)
        {
            var blocks = new (byte[] Bytes, int Events)[(frames.Length + size - 1) / size];
            for (var b = 0; b < blocks.Length; b++)
            {
                var events = Math.Min(size, frames.Length - b * size);
                var bytes = new byte[frames.Skip(b * size).Take(events).Sum(f => f.Length)];
                var at = 0;
                foreach (var frame in frames.Skip(b * size).Take(events))
                {
                    Buffer.BlockCopy(frame, 0, bytes, at, frame.Length);
                    at += frame.Length;
                }

                blocks[b] = (bytes, events);
            }

            return blocks;
        }
    }
}
