using System;
using System.Collections.Generic;
using System.Globalization;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    public sealed partial class AmiCallTracker
    {
        /// <summary>
        /// Rebuilds the view from the live channels a PBX reports after a reconnect (<c>CoreShowChannels</c> items).
        /// Channels the tracker knows but the PBX no longer has — and that no event mentioned since
        /// <paramref name="resyncStarted"/> — ended while we were away: their calls close with an inferred end time
        /// and <see cref="AmiCallDisposition.Unknown"/>. Channels the tracker does not know started meanwhile and are added.
        /// </summary>
        public ResyncResult Resync(IEnumerable<AmiEvent> liveChannels, DateTimeOffset resyncStarted, DateTimeOffset now)
        {
            var live = new Dictionary<string, AmiEvent>(StringComparer.Ordinal);
            foreach (var channel in liveChannels)
            {
                if (channel["Uniqueid"] is { } uniqueid)
                {
                    live[uniqueid] = channel;
                }
            }

            var closed = 0;
            var added = 0;
            lock (_gate)
            {
                foreach (var call in new List<TrackedCall>(_active.Values))
                {
                    foreach (var leg in call.Legs)
                    {
                        if (leg.EndTime is null && !live.ContainsKey(leg.Uniqueid) && leg.LastSeen < resyncStarted)
                        {
                            leg.EndTime = now;
                            _byUniqueid.Remove(leg.Uniqueid);
                        }
                    }

                    if (call.AllLegsEnded())
                    {
                        Complete(call, now, inferred: true);
                        closed++;
                    }
                }

                foreach (var channel in live.Values)
                {
                    if (!_byUniqueid.ContainsKey(channel["Uniqueid"]!) && AddLiveChannel(channel, now))
                    {
                        added++;
                    }
                }
            }

            return new ResyncResult(closed, added);
        }

        private bool AddLiveChannel(AmiEvent channel, DateTimeOffset now)
        {
            var uniqueid = channel["Uniqueid"]!;
            var linkedid = channel["Linkedid"] ?? uniqueid;
            var start = now - ParseDuration(channel["Duration"]);
            var isNewCall = !_active.TryGetValue(linkedid, out var call);
            if (isNewCall)
            {
                call = new TrackedCall(linkedid, _session, start) { StartTimeInferred = true };
                _active.Add(linkedid, call);
            }

            var state = AmiValues.ParseInt(channel["ChannelState"]) ?? 0;
            var leg = new TrackedLeg(channel["Channel"] ?? uniqueid, uniqueid, start)
            {
                ChannelState = state,
                Exten = channel["Exten"],
                Context = channel["Context"],
                LastSeen = now,
                Bridge = string.IsNullOrEmpty(channel["BridgeId"]) ? null : channel["BridgeId"],
            };
            call!.Legs.Add(leg);
            _byUniqueid[uniqueid] = call;
            if (leg.Bridge is not null)
            {
                call.Bridges.Add(leg.Bridge);
            }

            UpdateCaller(call, leg, channel);
            if (state == 6)
            {
                leg.AnswerTime = start;
                if (call.AnswerTime is null && leg.Bridge is not null)
                {
                    call.AnswerTime = start;
                    call.State = AmiCallState.Up;
                }
            }

            return isNewCall;
        }

        private static TimeSpan ParseDuration(string? text) =>
            text is not null && TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;
    }

    /// <summary>What a resync changed.</summary>
    public readonly struct ResyncResult
    {
        public ResyncResult(int callsClosed, int callsAdded)
        {
            CallsClosed = callsClosed;
            CallsAdded = callsAdded;
        }

        public int CallsClosed { get; }

        public int CallsAdded { get; }
    }
}
