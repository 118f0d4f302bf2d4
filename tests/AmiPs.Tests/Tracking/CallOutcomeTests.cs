using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Tracking
{
    /// <summary>How calls end (from DialEnd and Hangup) and how extension states follow live events.</summary>
    public sealed class CallOutcomeTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("CANCEL", "0", AmiCallDisposition.Cancelled)]
        [InlineData("CHANUNAVAIL", "20", AmiCallDisposition.Failed)]
        [InlineData("CONGESTION", "34", AmiCallDisposition.Failed)]
        [InlineData("BUSY", "17", AmiCallDisposition.Busy)]
        [InlineData("NOANSWER", "16", AmiCallDisposition.NoAnswer)]
        [InlineData("SOMETHINGNEW", "16", AmiCallDisposition.Unknown)]
        [InlineData(null, "17", AmiCallDisposition.Busy)]
        [InlineData(null, "19", AmiCallDisposition.NoAnswer)]
        [InlineData(null, "16", AmiCallDisposition.Unknown)]
        public void The_disposition_comes_from_DialEnd_else_from_the_hangup_cause(string? dialStatus, string cause, AmiCallDisposition expected)
        {
            var tracker = new AmiCallTracker(10);
            var t = 0;
            tracker.Apply(Event(t++, "Newchannel", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("ChannelState", "4"), ("CallerIDNum", "1001"), ("CallerIDName", "O\\'Brien")));
            tracker.Apply(Event(t++, "Newchannel", ("Channel", "PJSIP/2000-2"), ("Uniqueid", "1.2"), ("Linkedid", "1.1"), ("ChannelState", "0")));
            tracker.Apply(Event(t++, "DialBegin", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("DestChannel", "PJSIP/2000-2"), ("DestUniqueid", "1.2"), ("DestLinkedid", "1.1"), ("DestExten", "2000"), ("DialString", "2000")));
            if (dialStatus is not null)
            {
                tracker.Apply(Event(t++, "DialEnd", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("DestChannel", "PJSIP/2000-2"), ("DestUniqueid", "1.2"), ("DestLinkedid", "1.1"), ("DialStatus", dialStatus)));
            }

            Assert.True(tracker.GetCall("1.1")!.IsActive);
            tracker.Apply(Event(t++, "Hangup", ("Channel", "PJSIP/2000-2"), ("Uniqueid", "1.2"), ("Linkedid", "1.1"), ("Cause", cause)));
            Assert.True(tracker.GetCall("1.1")!.IsActive, "one leg still up");
            tracker.Apply(Event(t, "Hangup", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("Cause", cause), ("Cause-txt", "text")));

            var call = tracker.GetCall("1.1")!;
            Assert.Equal(expected, call.Disposition);
            Assert.Equal(AmiCallState.Ended, call.State);
            Assert.Equal("1001", call.From);
            Assert.Equal("O'Brien", call.FromName);
            Assert.Equal("2000", call.To);
            Assert.Equal(int.Parse(cause), call.HangupCause);
            Assert.Equal("text", call.HangupCauseText);
            Assert.Equal(TimeSpan.Zero, call.GetTalkTime());
            Assert.Equal(T0, call.StartTime);
            Assert.Equal(T0.AddSeconds(t), call.EndTime);
            Assert.False(call.EndTimeInferred);
            Assert.Equal(new[] { "1.1", "1.2" }, call.Channels.Select(c => c.Uniqueid));
            Assert.All(call.Channels, c => Assert.NotNull(c.EndTime));
        }

        [Fact]
        public void An_answered_call_has_answer_time_talk_time_and_who_answered()
        {
            var tracker = new AmiCallTracker(10);
            tracker.Apply(Event(0, "Newchannel", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("ChannelState", "4"), ("CallerIDNum", "1001")));
            tracker.Apply(Event(1, "Newchannel", ("Channel", "PJSIP/2000-2"), ("Uniqueid", "1.2"), ("Linkedid", "1.1"), ("ChannelState", "0")));
            tracker.Apply(Event(1, "DialBegin", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("DestChannel", "PJSIP/2000-2"), ("DestUniqueid", "1.2"), ("DestLinkedid", "1.1"), ("DestExten", "2000"), ("DialString", "PJSIP/2000")));
            tracker.Apply(Event(2, "DialState", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("DestUniqueid", "1.2"), ("DialStatus", "RINGING")));
            Assert.Equal(AmiCallState.Ringing, tracker.GetCall("1.1")!.State);
            tracker.Apply(Event(5, "DialEnd", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("DestChannel", "PJSIP/2000-2"), ("DestUniqueid", "1.2"), ("DestLinkedid", "1.1"), ("DialStatus", "ANSWER")));
            tracker.Apply(Event(5, "BridgeEnter", ("BridgeUniqueid", "b-1"), ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1")));
            var up = tracker.GetCall("1.1")!;
            Assert.Equal(AmiCallState.Up, up.State);
            Assert.Equal(new[] { "b-1" }, up.Bridges);
            tracker.Apply(Event(65, "Hangup", ("Channel", "PJSIP/2000-2"), ("Uniqueid", "1.2"), ("Linkedid", "1.1"), ("Cause", "16")));
            tracker.Apply(Event(65, "Hangup", ("Channel", "PJSIP/1001-1"), ("Uniqueid", "1.1"), ("Linkedid", "1.1"), ("Cause", "16")));

            var call = Assert.Single(tracker.GetCalls(active: false));
            Assert.Equal(AmiCallDisposition.Answered, call.Disposition);
            Assert.Equal("2000", call.AnsweredBy);
            Assert.Equal(T0.AddSeconds(5), call.AnswerTime);
            Assert.Equal(TimeSpan.FromSeconds(60), call.GetTalkTime());
            Assert.Equal(TimeSpan.FromSeconds(65), call.GetDuration());
            Assert.Equal(16, call.HangupCause);
            Assert.Equal("Normal Clearing", call.HangupCauseText); // no Cause-txt sent: Asterisk's text for the number
            Assert.Empty(tracker.GetCalls(completed: false));
        }

        [Fact]
        public void Repeated_extension_states_keep_their_change_time_and_server_time_is_used()
        {
            var tracker = new AmiExtensionTracker("t");
            var changes = new List<AmiExtension>();
            tracker.Changed += changes.Add;
            tracker.Apply(Event(0, "ExtensionStatus", ("Timestamp", "1795495372.500000"), ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "8"), ("StatusText", "Ringing")));
            tracker.Apply(Event(3, "ExtensionStatus", ("Timestamp", "1795495375.500000"), ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "8"), ("StatusText", "Ringing")));

            var ringing = Assert.Single(tracker.GetExtensions());
            Assert.Equal(AmiValues.ParseTimestamp("1795495372.500000"), ringing.LastChanged);
            Assert.Single(changes);

            tracker.Apply(Event(4, "ExtensionStatus", ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "1")));
            var inUse = Assert.Single(tracker.GetExtensions());
            Assert.Equal("InUse", inUse.StatusText);
            Assert.Equal(AmiExtensionState.InUse, inUse.State);
            Assert.Equal(1, inUse.Status);
            Assert.Equal(T0.AddSeconds(4), inUse.LastChanged);
            Assert.Equal(2, changes.Count);
        }

        private static AmiEvent Event(int second, string name, params (string Key, string Value)[] fields)
        {
            var all = new List<AmiField> { new AmiField("Event", name), new AmiField("Privilege", "call,all") };
            all.AddRange(fields.Select(f => new AmiField(f.Key, f.Value)));
            return AmiEventFactory.Create(new AmiMessage(all), T0.AddSeconds(second), "test");
        }
    }
}
