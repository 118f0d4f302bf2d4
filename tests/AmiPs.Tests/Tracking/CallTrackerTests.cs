using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Tracking
{
    public sealed class CallTrackerTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        /// <summary>Replays a fixture's events, 10 ms apart unless the events carry the server's Timestamp.</summary>
        private static AmiCallTracker Replay(string fixture, int limit = 1000)
        {
            var tracker = new AmiCallTracker(limit, "test");
            var i = 0;
            foreach (var message in Fixtures.Messages(fixture).Where(m => m.Kind == AmiMessageKind.Event))
            {
                tracker.Apply(AmiEventFactory.Create(message, T0.AddMilliseconds(10 * i++), "test"));
            }

            return tracker;
        }

        [Fact]
        public void Basic_call_is_one_answered_call_of_four_channels()
        {
            var tracker = Replay("basic-call.ami");

            Assert.Equal(0, tracker.ActiveCount);
            var call = Assert.Single(tracker.GetCalls());
            Assert.Equal(AmiCallDisposition.Answered, call.Disposition);
            Assert.Equal(AmiCallState.Ended, call.State);
            Assert.Equal(4, call.Channels.Count);
            Assert.Equal("5551234", call.From);
            Assert.Equal("Alice", call.FromName);
            Assert.Equal("2000", call.To);
            Assert.Equal("1001", call.AnsweredBy);
            Assert.Equal(16, call.HangupCause);
            Assert.NotNull(call.AnswerTime);
            Assert.True(call.GetTalkTime() > TimeSpan.Zero);
            Assert.True(call.GetDuration() >= call.GetTalkTime());
            Assert.Single(call.Bridges);
            Assert.All(call.Channels, leg => Assert.NotNull(leg.EndTime));
        }

        [Fact]
        public void Busy_and_noanswer_are_two_overlapping_calls_without_talk_time()
        {
            var calls = Replay("busy-and-noanswer.ami").GetCalls();

            Assert.Equal(2, calls.Count);
            var busy = calls.Single(c => c.To == "2002");
            var noAnswer = calls.Single(c => c.To == "2003");
            Assert.Equal(AmiCallDisposition.Busy, busy.Disposition);
            Assert.Equal(17, busy.HangupCause);
            Assert.Equal("5550002", busy.From);
            Assert.Equal(AmiCallDisposition.NoAnswer, noAnswer.Disposition);
            Assert.Equal(16, noAnswer.HangupCause);
            Assert.Equal(TimeSpan.Zero, busy.GetTalkTime());
            Assert.Equal(TimeSpan.Zero, noAnswer.GetTalkTime());
            Assert.Null(busy.AnsweredBy);
            Assert.True(busy.StartTime < noAnswer.EndTime && noAnswer.StartTime < busy.EndTime, "the calls overlap");
        }

        [Fact]
        public void A_caller_hang_up_keeps_the_answered_legs_cause_not_the_originating_legs_unset_one()
        {
            // The originating Local/2000...;1 hangs up first with "Cause: 0" (not set); the other three legs say 16.
            var call = Assert.Single(Replay("caller-hangup.ami").GetCalls());

            Assert.Equal(0, call.Channels[0].HangupCause);
            Assert.Equal(AmiCallDisposition.Answered, call.Disposition);
            Assert.Equal(16, call.HangupCause);
            Assert.Equal("Normal Clearing", call.HangupCauseText);
        }

        [Fact]
        public void A_call_whose_every_leg_says_not_set_keeps_the_first_channels_cause()
        {
            var tracker = new AmiCallTracker(10);
            tracker.Apply(Event("Newchannel", ("Channel", "PJSIP/a"), ("Uniqueid", "u1"), ("Linkedid", "u1"), ("ChannelState", "4")));
            tracker.Apply(Event("Newchannel", ("Channel", "PJSIP/b"), ("Uniqueid", "u2"), ("Linkedid", "u1"), ("ChannelState", "0")));
            tracker.Apply(Event("Hangup", ("Channel", "PJSIP/b"), ("Uniqueid", "u2"), ("Linkedid", "u1"), ("Cause", "0")));
            tracker.Apply(Event("Hangup", ("Channel", "PJSIP/a"), ("Uniqueid", "u1"), ("Linkedid", "u1"), ("Cause", "0"), ("Cause-txt", "first")));

            var call = tracker.GetCall("u1")!;
            Assert.Equal(0, call.HangupCause);
            Assert.Equal("first", call.HangupCauseText);
        }

        [Fact]
        public void Server_timestamps_give_exact_call_times()
        {
            var calls = Replay("timestamped-calls.ami").GetCalls();

            var dave = calls.Single(c => c.From == "5550004");
            var erin = calls.Single(c => c.From == "5550005");
            Assert.Equal(AmiCallDisposition.Answered, dave.Disposition);
            Assert.Equal(AmiValues.ParseTimestamp("1795495372.393541"), dave.StartTime);
            Assert.Equal(AmiValues.ParseTimestamp("1795495372.398998"), dave.AnswerTime);
            Assert.Equal(AmiValues.ParseTimestamp("1795495374.906990"), dave.EndTime);
            Assert.InRange(dave.GetTalkTime().TotalSeconds, 2.50, 2.51);
            Assert.Equal(AmiCallDisposition.NoAnswer, erin.Disposition);
            Assert.Equal(TimeSpan.Zero, erin.GetTalkTime());
            Assert.InRange(erin.GetDuration().TotalSeconds, 2.0, 2.1);
        }

        [Fact]
        public void An_ended_call_is_one_immutable_snapshot_found_by_id_and_by_any_of_its_channels()
        {
            var tracker = Replay("basic-call.ami");
            var call = Assert.Single(tracker.GetCalls(active: false));

            Assert.Same(call, tracker.GetCall(call.Id));
            Assert.All(call.Channels, leg => Assert.Same(call, tracker.FindByChannel(leg.Uniqueid)));
            Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<AmiCallLeg>)call.Channels).Clear());
            Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<string>)call.Bridges).Add("x"));
            Assert.Null(tracker.FindByChannel("no-such-uniqueid"));
        }

        [Fact]
        public void Completed_calls_are_bounded_and_active_ones_never_evicted()
        {
            var tracker = new AmiCallTracker(completedLimit: 3);
            for (var i = 0; i < 10; i++)
            {
                tracker.Apply(Event("Newchannel", ("Channel", $"PJSIP/{i}"), ("Uniqueid", $"c{i}"), ("Linkedid", $"c{i}"), ("ChannelState", "4"), ("CallerIDNum", "100")));
            }

            for (var i = 0; i < 8; i++)
            {
                tracker.Apply(Event("Hangup", ("Channel", $"PJSIP/{i}"), ("Uniqueid", $"c{i}"), ("Linkedid", $"c{i}"), ("Cause", "16")));
            }

            Assert.Equal(2, tracker.ActiveCount);
            Assert.Equal(3, tracker.CompletedCount);
            Assert.Equal(new[] { "c5", "c6", "c7" }, tracker.GetCalls(active: false).Select(c => c.Id));
        }

        [Fact]
        public void Resync_closes_vanished_calls_and_adds_new_ones()
        {
            var tracker = new AmiCallTracker(100);
            tracker.Apply(Event("Newchannel", ("Channel", "PJSIP/gone"), ("Uniqueid", "g1"), ("Linkedid", "g1"), ("ChannelState", "6")));
            tracker.Apply(Event("Newchannel", ("Channel", "PJSIP/stays"), ("Uniqueid", "s1"), ("Linkedid", "s1"), ("ChannelState", "6")));
            var resyncAt = DateTimeOffset.Now.AddSeconds(1);

            var result = tracker.Resync(
                new[]
                {
                    Event("CoreShowChannel", ("Channel", "PJSIP/stays"), ("Uniqueid", "s1"), ("Linkedid", "s1"), ("ChannelState", "6"), ("Duration", "00:00:30")),
                    Event("CoreShowChannel", ("Channel", "PJSIP/new"), ("Uniqueid", "n1"), ("Linkedid", "n1"), ("ChannelState", "6"), ("CallerIDNum", "555"), ("Duration", "00:01:00"), ("BridgeId", "b1")),
                },
                resyncAt,
                resyncAt);

            Assert.Equal(1, result.CallsClosed);
            Assert.Equal(1, result.CallsAdded);
            var gone = tracker.GetCall("g1")!;
            Assert.Equal(AmiCallDisposition.Unknown, gone.Disposition);
            Assert.True(gone.EndTimeInferred);
            Assert.Equal(resyncAt, gone.EndTime);
            var added = tracker.GetCall("n1")!;
            Assert.True(added.IsActive);
            Assert.True(added.StartTimeInferred);
            Assert.Equal(resyncAt.AddMinutes(-1), added.StartTime);
            Assert.Equal("555", added.From);
            Assert.Null(added.To); // the listed channel has no Exten
            Assert.True(tracker.GetCall("s1")!.IsActive);
        }

        [Fact]
        public void Extension_states_load_from_the_list_and_follow_live_events()
        {
            var items = Fixtures.Messages("command-and-lists.ami").Where(m => m.Name == "ExtensionStatus").Select(m => AmiEventFactory.Create(m, T0, "t"));
            var tracker = new AmiExtensionTracker("t");
            tracker.Load(items);

            Assert.Equal(new[] { "1001 InUse", "1002 Idle" }, tracker.GetExtensions().Select(e => e.Exten + " " + e.StatusText));

            var changed = new List<AmiExtension>();
            tracker.Changed += changed.Add;
            tracker.Apply(Event("ExtensionStatus", ("Exten", "1001"), ("Context", "office"), ("Hint", "Custom:1001"), ("Status", "0"), ("StatusText", "Idle")));
            Assert.Equal("Idle", tracker.GetExtensions().First().StatusText);
            Assert.Single(changed);
        }

        private static AmiEvent Event(string name, params (string Key, string Value)[] fields)
        {
            var all = new List<AmiField> { new AmiField("Event", name) };
            all.AddRange(fields.Select(f => new AmiField(f.Key, f.Value)));
            return AmiEventFactory.Create(new AmiMessage(all), DateTimeOffset.Now, "test");
        }
    }
}
