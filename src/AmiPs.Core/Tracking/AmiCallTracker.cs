using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// Follows calls from channel, dial, bridge and hang-up events. A call is the set of channels sharing a
    /// <c>Linkedid</c>; it ends when its last channel hangs up and then moves to a bounded list of completed calls
    /// (active calls are never evicted). Fed on the reader thread, read from any thread, under one lock.
    /// </summary>
    public sealed partial class AmiCallTracker
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, TrackedCall> _active = new Dictionary<string, TrackedCall>(StringComparer.Ordinal);
        private readonly Dictionary<string, TrackedCall> _byUniqueid = new Dictionary<string, TrackedCall>(StringComparer.Ordinal);
        // Ended calls as their immutable snapshots: one small object graph each instead of the mutable call with its
        // sets and maps, since at a flood's rate every one of them lives long enough to be promoted by the GC.
        private readonly Queue<AmiCall> _completed = new Queue<AmiCall>();
        private readonly int _completedLimit;
        private readonly string? _session;

        // Channels that hung up while a resync was under way (null otherwise): the PBX's list may still name them.
        private HashSet<string>? _endedDuringResync;

        internal AmiCallTracker(int completedLimit, string? session = null)
        {
            _completedLimit = completedLimit;
            _session = session;
        }

        public int ActiveCount
        {
            get
            {
                lock (_gate)
                {
                    return _active.Count;
                }
            }
        }

        public int CompletedCount
        {
            get
            {
                lock (_gate)
                {
                    return _completed.Count;
                }
            }
        }

        /// <summary>Updates the calls from one event; events that do not concern calls are ignored cheaply.</summary>
        internal void Apply(AmiEvent amiEvent)
        {
            // Type tests on sealed classes: a pointer compare each, cheaper than the string switch they replace.
            switch (amiEvent)
            {
                case NewchannelEvent e:
                    lock (_gate)
                    {
                        OnNewchannel(e);
                    }

                    break;
                case NewstateEvent or NewCalleridEvent or NewConnectedLineEvent:
                    lock (_gate)
                    {
                        OnChannelUpdate((AmiChannelEvent)amiEvent);
                    }

                    break;
                case AmiDialEvent e:
                    lock (_gate)
                    {
                        OnDial(e);
                    }

                    break;
                case BridgeEnterEvent e:
                    lock (_gate)
                    {
                        OnBridge(e, entered: true);
                    }

                    break;
                case BridgeLeaveEvent e:
                    lock (_gate)
                    {
                        OnBridge(e, entered: false);
                    }

                    break;
                case HangupEvent e:
                    lock (_gate)
                    {
                        OnHangup(e);
                    }

                    break;
            }
        }

        /// <summary>Snapshots of the calls: active, completed (oldest first), or both.</summary>
        public IReadOnlyList<AmiCall> GetCalls(bool active = true, bool completed = true)
        {
            lock (_gate)
            {
                var result = new List<AmiCall>((active ? _active.Count : 0) + (completed ? _completed.Count : 0));
                if (completed)
                {
                    result.AddRange(_completed);
                }

                if (active)
                {
                    foreach (var call in _active.Values)
                    {
                        result.Add(new AmiCall(call));
                    }
                }

                return result;
            }
        }

        public AmiCall? GetCall(string id)
        {
            lock (_gate)
            {
                if (_active.TryGetValue(id, out var call))
                {
                    return new AmiCall(call);
                }

                foreach (var done in _completed)
                {
                    if (done.Id == id)
                    {
                        return done;
                    }
                }

                return null;
            }
        }

        /// <summary>The call a channel (by Uniqueid) belongs to, active or completed.</summary>
        public AmiCall? FindByChannel(string uniqueid)
        {
            lock (_gate)
            {
                if (_byUniqueid.TryGetValue(uniqueid, out var call))
                {
                    return new AmiCall(call);
                }

                foreach (var done in _completed)
                {
                    foreach (var leg in done.Channels)
                    {
                        if (leg.Uniqueid == uniqueid)
                        {
                            return done;
                        }
                    }
                }

                return null;
            }
        }

        private void OnNewchannel(NewchannelEvent e)
        {
            var uniqueid = e.Uniqueid;
            var linkedid = e.Linkedid ?? uniqueid;
            if (uniqueid is null || linkedid is null || _byUniqueid.ContainsKey(uniqueid))
            {
                return;
            }

            var time = e.Time;
            if (!_active.TryGetValue(linkedid, out var call))
            {
                call = new TrackedCall(linkedid, _session, time);
                _active.Add(linkedid, call);
            }

            var leg = new TrackedLeg(e.Channel ?? uniqueid, uniqueid, time)
            {
                LastSeen = e.Received,
                ChannelState = e.ChannelState ?? AmiChannelState.Down,
                Exten = e.Exten,
                Context = e.Context,
            };
            call.Legs.Add(leg);
            _byUniqueid[uniqueid] = call;
            UpdateCaller(call, leg, e.Snapshot);
        }

        private void OnChannelUpdate(AmiChannelEvent e)
        {
            if (!TryFind(e.Uniqueid, out var call, out var leg))
            {
                return;
            }

            var time = e.Time;
            leg.LastSeen = e.Received;
            if (e.ChannelState is { } state)
            {
                leg.ChannelState = state;
                if (state == AmiChannelState.Up && leg.AnswerTime is null)
                {
                    leg.AnswerTime = time;
                    if (call.DialTargets.Count == 0 && call.DialStatus is null && call.OriginateDialStatus is null)
                    {
                        // No dial at all (straight into an application, an IVR): a channel going Up is the answer.
                        call.AnswerTime ??= time;
                        call.State = AmiCallState.Up;
                    }
                }
                else if (state == AmiChannelState.Ringing && call.State is AmiCallState.New or AmiCallState.Dialing)
                {
                    call.State = AmiCallState.Ringing;
                }
            }

            UpdateCaller(call, leg, e.Snapshot);
        }

        private void OnDial(AmiDialEvent e)
        {
            // The dial an Originate makes has no calling channel: only the Dest block names the call.
            var callee = e.Dest;
            var linkedid = e.Linkedid ?? callee.Linkedid;
            if (linkedid is null || !_active.TryGetValue(linkedid, out var call))
            {
                return;
            }

            switch (e)
            {
                case DialBeginEvent begin:
                    var dialString = begin.DialString;
                    call.To ??= Extension(callee.Exten) ?? DialTarget(dialString);
                    if (callee.Uniqueid is { } calleeId && dialString is not null)
                    {
                        call.DialTargets[calleeId] = dialString;
                    }

                    if (call.State == AmiCallState.New)
                    {
                        call.State = AmiCallState.Dialing;
                    }

                    break;
                case DialStateEvent progress:
                    if (progress.DialStatus == AmiDialStatus.Ringing && call.State != AmiCallState.Up)
                    {
                        call.State = AmiCallState.Ringing;
                    }

                    break;
                case DialEndEvent end:
                    OnDialEnd(call, end, callee);
                    break;
            }
        }

        private static void OnDialEnd(TrackedCall call, DialEndEvent e, AmiChannel callee)
        {
            var hasCaller = e.Uniqueid is not null;
            var status = e.DialStatus;
            if (status == AmiDialStatus.Answer)
            {
                call.AnswerTime ??= e.Time;
                call.State = AmiCallState.Up;
                if (call.AnsweredBy is null || hasCaller)
                {
                    // A channel's own dial names the real callee; the Originate's dial only names the first hop.
                    var calleeId = callee.Uniqueid;
                    call.AnsweredBy = calleeId is not null && call.DialTargets.TryGetValue(calleeId, out var target)
                        ? DialTarget(target) ?? callee.Channel
                        : callee.Channel;
                    call.AnsweredUniqueid = calleeId ?? call.AnsweredUniqueid;
                }
            }

            if (e.DialStatusText is null)
            {
                return;
            }

            if (!hasCaller)
            {
                call.OriginateDialStatus = status;
            }
            else if (call.DialStatus is null || status == AmiDialStatus.Answer)
            {
                call.DialStatus = status;
            }
        }

        private void OnBridge(AmiBridgeChannelEvent e, bool entered)
        {
            if (!TryFind(e.Uniqueid, out var call, out var leg))
            {
                return;
            }

            leg.LastSeen = e.Received;
            var bridge = e.BridgeUniqueid;
            if (bridge is null)
            {
                return;
            }

            if (entered)
            {
                leg.Bridge = bridge;
                call.Bridges.Add(bridge);
            }
            else if (leg.Bridge == bridge)
            {
                leg.Bridge = null;
            }
        }

        private void OnHangup(HangupEvent e)
        {
            var uniqueid = e.Uniqueid;
            if (uniqueid is not null)
            {
                _endedDuringResync?.Add(uniqueid);
            }

            if (!TryFind(uniqueid, out var call, out var leg))
            {
                return;
            }

            var time = e.Time;
            leg.EndTime = time;
            leg.LastSeen = e.Received;
            leg.HangupCause = e.Cause;
            var rank = CauseRank(call, leg);
            if (rank > call.HangupCauseRank)
            {
                call.HangupCauseRank = rank;
                call.HangupCause = leg.HangupCause;
                call.HangupCauseText = e.CauseText;
            }

            _byUniqueid.Remove(uniqueid!);
            if (call.AllLegsEnded())
            {
                Complete(call, time, inferred: false);
            }
        }

        /// <summary>
        /// How well a leg's hang-up says why the call ended; the call keeps the best cause, the first on a tie. A cause
        /// of 0 (or none) is "not set": Asterisk reports the originating Local channel <c>;1</c> that way when the caller
        /// hangs up, while the other legs say 16. So: the first channel's own cause, when it has one; else the answered
        /// or dialled leg's; else any other leg's; a "not set" of the first channel only when no leg said more.
        /// </summary>
        private static int CauseRank(TrackedCall call, TrackedLeg leg)
        {
            var first = ReferenceEquals(call.Legs[0], leg);
            if (leg.HangupCause is null or 0)
            {
                return first ? 1 : 0;
            }

            if (first)
            {
                return 4;
            }

            return leg.Uniqueid == call.AnsweredUniqueid || call.DialTargets.ContainsKey(leg.Uniqueid) ? 3 : 2;
        }

        private void Complete(TrackedCall call, DateTimeOffset time, bool inferred)
        {
            call.EndTime = time;
            call.EndTimeInferred = inferred;
            call.State = AmiCallState.Ended;
            call.Disposition = inferred ? AmiCallDisposition.Unknown : Disposition(call);
            foreach (var leg in call.Legs)
            {
                _byUniqueid.Remove(leg.Uniqueid);
            }

            _active.Remove(call.Id);
            if (_completedLimit <= 0)
            {
                return;
            }

            _completed.Enqueue(new AmiCall(call));
            while (_completed.Count > _completedLimit)
            {
                _completed.Dequeue();
            }
        }

        private bool TryFind(string? uniqueid, out TrackedCall call, out TrackedLeg leg)
        {
            if (uniqueid is not null && _byUniqueid.TryGetValue(uniqueid, out call!))
            {
                leg = call.FindLeg(uniqueid)!;
                return leg is not null;
            }

            call = null!;
            leg = null!;
            return false;
        }

        private static void UpdateCaller(TrackedCall call, TrackedLeg leg, AmiChannel channel)
        {
            var number = Known(channel.CallerIDNum);
            if (number is null)
            {
                return;
            }

            leg.CallerIDNum = number;
            if (ReferenceEquals(call.Legs[0], leg))
            {
                call.From = number;
                call.FromName = Known(channel.CallerIDName) ?? call.FromName;
            }
        }

        // What Export-Csv writes for the session's Calls column (it writes ToString(), which was the type name).
        public override string ToString() => $"{ActiveCount} active, {CompletedCount} completed";
    }
}
