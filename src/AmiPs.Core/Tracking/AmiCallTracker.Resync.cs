using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    public sealed partial class AmiCallTracker
    {
        /// <summary>
        /// Marks the start of a resync, before the live channels are asked for: a channel that hangs up between the PBX's
        /// answer and <see cref="Resync"/> is then not brought back from that answer as a live one.
        /// </summary>
        internal void BeginResync()
        {
            lock (_gate)
            {
                _endedDuringResync = new HashSet<string>(StringComparer.Ordinal);
            }
        }

        /// <summary>Ends a resync that could not finish (its list was refused or the link dropped again).</summary>
        internal void EndResync()
        {
            lock (_gate)
            {
                _endedDuringResync = null;
            }
        }

        /// <summary>
        /// Rebuilds the view from the live channels a PBX reports after a reconnect (<c>CoreShowChannels</c> items).
        /// Channels the tracker knows but the PBX no longer has — and that no event mentioned since
        /// <paramref name="resyncStarted"/> — ended while we were away: their calls close with an inferred end time
        /// and <see cref="AmiCallDisposition.Unknown"/>. Channels the tracker does not know started meanwhile and are added.
        /// </summary>
        /// <param name="liveChannels">The items of <c>CoreShowChannels</c> or of <c>Status</c> (the same channel block).</param>
        /// <param name="resyncStarted">Local time before the list was asked for.</param>
        /// <param name="now">Local time now: the inferred end of vanished calls.</param>
        internal ResyncResult Resync(IEnumerable<AmiEvent> liveChannels, DateTimeOffset resyncStarted, DateTimeOffset now)
        {
            var live = new Dictionary<string, AmiChannelListItem>(StringComparer.Ordinal);
            foreach (var item in liveChannels)
            {
                var channel = new AmiChannelListItem(item);
                if (channel.Channel.Uniqueid is { } uniqueid)
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

                foreach (var pair in live)
                {
                    var endedSince = _endedDuringResync?.Contains(pair.Key) == true;
                    if (!endedSince && !_byUniqueid.ContainsKey(pair.Key) && AddLiveChannel(pair.Key, pair.Value, now))
                    {
                        added++;
                    }
                }

                _endedDuringResync = null;
            }

            return new ResyncResult(closed, added);
        }

        private bool AddLiveChannel(string uniqueid, AmiChannelListItem item, DateTimeOffset now)
        {
            var channel = item.Channel;
            var linkedid = channel.Linkedid ?? uniqueid;
            var start = now - item.Age;
            var isNewCall = !_active.TryGetValue(linkedid, out var call);
            if (isNewCall)
            {
                call = new TrackedCall(linkedid, _session, start) { StartTimeInferred = true };
                _active.Add(linkedid, call);
            }

            var state = channel.ChannelState ?? AmiChannelState.Down;
            var leg = new TrackedLeg(channel.Channel ?? uniqueid, uniqueid, start)
            {
                ChannelState = state,
                Exten = channel.Exten,
                Context = channel.Context,
                LastSeen = now,
                Bridge = item.BridgeId,
            };
            call!.Legs.Add(leg);
            _byUniqueid[uniqueid] = call;
            if (leg.Bridge is not null)
            {
                call.Bridges.Add(leg.Bridge);
            }

            UpdateCaller(call, leg, channel);
            if (isNewCall)
            {
                // No dial was seen: where the first channel found is in the dialplan is the best guess of the target.
                call.To = Extension(channel.Exten);
            }

            if (state == AmiChannelState.Up)
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
    }

    /// <summary>What a resync changed.</summary>
    internal readonly struct ResyncResult
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
