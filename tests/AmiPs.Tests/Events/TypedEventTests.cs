using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AmiPs.Events;
using AmiPs.Protocol;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>The typed event objects, made by the factory from the recorded Asterisk transcripts and from AMI text.</summary>
    public sealed class TypedEventTests
    {
        [Fact]
        public void The_factory_makes_a_typed_class_for_each_daily_event_and_a_generic_one_for_the_rest()
        {
            var names = new[]
            {
                "Newchannel", "Newstate", "Hangup", "DialBegin", "DialEnd", "BridgeEnter", "BridgeLeave", "ExtensionStatus",
                "NewCallerid", "NewConnectedLine", "HangupRequest", "SoftHangupRequest", "BridgeCreate", "BridgeDestroy",
                "OriginateResponse", "DeviceStateChange", "FullyBooted", "Shutdown", "Reload", "VarSet", "Newexten",
                "PeerStatus", "QueueMemberStatus", "Cdr",
            };
            foreach (var name in names)
            {
                var e = EventTestData.Event("Event: " + name);
                Assert.Equal(name + "Event", e.GetType().Name);
                Assert.Equal(name, e.Event);
                Assert.Contains(name, AmiEventNames.Known);
            }

            var unknown = EventTestData.Event("Event: MusicOnHoldStart", "Channel: PJSIP/1");
            Assert.Equal(typeof(AmiEvent), unknown.GetType());
            Assert.Equal("PJSIP/1", unknown["channel"]);
        }

        [Fact]
        public void Every_event_of_the_transcripts_becomes_an_object_with_name_time_session_and_fields()
        {
            foreach (var fixture in new[] { "basic-call.ami", "busy-and-noanswer.ami", "timestamped-calls.ami", "command-and-lists.ami" })
            {
                var messages = TestSupport.Fixtures.Messages(fixture).Where(m => m.Kind == AmiMessageKind.Event).ToList();
                var events = EventTestData.FixtureEvents(fixture);
                Assert.Equal(messages.Count, events.Count);
                for (var i = 0; i < events.Count; i++)
                {
                    Assert.Equal(messages[i].Name, events[i].Event);
                    Assert.Equal(EventTestData.Received, events[i].Received);
                    Assert.Equal(fixture, events[i].Session);
                    Assert.Equal(messages[i].Select(f => f.Key + "=" + f.Value), events[i].Fields.Select(f => f.Key + "=" + f.Value));
                    Assert.False(string.IsNullOrEmpty(events[i].ToString()));
                }
            }
        }

        [Fact]
        public void Fields_keep_order_and_duplicates_and_the_first_value_wins_for_look_ups()
        {
            var e = EventTestData.Event(
                "Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/1001-00000001", "ChanVariable: A=1", "ChanVariable: B=O\\'Brien",
                "AccountCode: ", "ChanVariable: A=2", "Uniqueid: 1.1");

            Assert.Equal(
                new[] { "Event", "Privilege", "Channel", "ChanVariable", "ChanVariable", "AccountCode", "ChanVariable", "Uniqueid" },
                e.Fields.Select(f => f.Key));
            Assert.Equal(new[] { "A=1", "B=O\\'Brien", "A=2" }, e.GetFieldValues("chanvariable"));
            Assert.Equal("A=1", e["ChanVariable"]);
            Assert.Equal(string.Empty, e["AccountCode"]);
            Assert.Null(e["NoSuchField"]);
            var channel = Assert.IsType<NewchannelEvent>(e);
            Assert.Equal("O'Brien", channel.ChanVariables["B"]);
            Assert.Equal("2", channel.ChanVariables["A"]);
        }

        [Fact]
        public void Numbers_are_numbers_and_states_are_enums_with_the_raw_text_kept()
        {
            var hangups = EventTestData.FixtureEvents<HangupEvent>("busy-and-noanswer.ami");
            Assert.Contains(hangups, h => h.Cause == 17 && h.CauseText == "User busy" && h["Cause"] == "17");

            var newstate = EventTestData.FixtureEvents<NewstateEvent>("basic-call.ami").First(n => n.ChannelState == AmiChannelState.Up);
            Assert.Equal("Up", newstate.ChannelStateDesc);
            Assert.Equal("6", newstate["ChannelState"]);
            Assert.Equal(int.Parse(newstate["Priority"]!), newstate.Priority);

            var ends = EventTestData.FixtureEvents<DialEndEvent>("busy-and-noanswer.ami");
            Assert.Contains(ends, d => d.DialStatus == AmiDialStatus.Busy && d.DialStatusText == "BUSY");
            Assert.Contains(ends, d => d.DialStatus == AmiDialStatus.NoAnswer && d.DialStatusText == "NOANSWER");
            var odd = Assert.IsType<DialEndEvent>(EventTestData.Event("Event: DialEnd", "DialStatus: SOMETHINGNEW"));
            Assert.Equal(AmiDialStatus.Unknown, odd.DialStatus);
            Assert.Equal("SOMETHINGNEW", odd.DialStatusText);

            var bridge = EventTestData.FixtureEvents<BridgeLeaveEvent>("basic-call.ami").First();
            Assert.IsType<int>(bridge.BridgeNumChannels!.Value);
            Assert.Null(bridge.BridgeCreator); // <unknown>
            Assert.Equal("<unknown>", bridge["BridgeCreator"]);

            var status = EventTestData.FixtureEvents<ExtensionStatusEvent>("basic-call.ami").First();
            Assert.Equal(status.Status, (int?)status.State);
            Assert.Equal(status["StatusText"], status.StatusText);

            var ringing = Assert.IsType<ExtensionStatusEvent>(EventTestData.Event("Event: ExtensionStatus", "Exten: 1001", "Context: office", "Status: 9"));
            Assert.Equal(AmiExtensionState.InUseRinging, ringing.State);
            Assert.Equal("InUse&Ringing", ringing.StatusText);
            Assert.True(ringing.IsInUse && ringing.IsRinging && !ringing.IsBusy);

            var device = Assert.IsType<DeviceStateChangeEvent>(EventTestData.Event("Event: DeviceStateChange", "Device: PJSIP/1001", "State: RINGINUSE"));
            Assert.Equal(AmiDeviceState.RingInUse, device.State);

            var originate = EventTestData.FixtureEvents<OriginateResponseEvent>("basic-call.ami").Single();
            Assert.True(originate.IsSuccess);
            Assert.Equal(4, originate.Reason);
            Assert.Equal(AmiOriginateReason.Answered, originate.Result);

            var booted = EventTestData.FixtureEvents<FullyBootedEvent>("basic-call.ami").First();
            Assert.NotNull(booted.Uptime);
        }

        [Fact]
        public void Server_timestamps_are_read_and_preferred_for_the_event_time()
        {
            var first = EventTestData.FixtureEvents("timestamped-calls.ami").First(e => e["Timestamp"] is not null);
            Assert.Equal(AmiValues.ParseTimestamp(first["Timestamp"]), first.ServerTimestamp);
            Assert.Equal(first.ServerTimestamp, first.Time);
            Assert.NotEqual(first.Received, first.Time);

            var plain = EventTestData.FixtureEvents("basic-call.ami").First();
            Assert.Null(plain.ServerTimestamp);
            Assert.Equal(plain.Received, plain.Time);
        }

        [Theory]
        [InlineData("1795495372.393541", 1795495372L, 3935410L)]
        [InlineData("1795495372", 1795495372L, 0L)]
        [InlineData("1795495372.5", 1795495372L, 5000000L)]
        [InlineData("1795495372.123456789", 1795495372L, 1234567L)]
        [InlineData("0.000001", 0L, 10L)]
        public void Timestamps_read_to_the_tick(string text, long seconds, long ticks)
        {
            var expected = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
            Assert.Equal(expected, AmiValues.ParseTimestamp(text));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("abc")]
        [InlineData("-5")]
        [InlineData("1.2.3")]
        [InlineData("99999999999999999999999")]
        [InlineData("1795495372 ")]
        public void Bad_timestamps_read_as_null(string? text) => Assert.Null(AmiValues.ParseTimestamp(text));

        [Fact]
        public void Dial_events_share_one_channel_block_shape_for_the_caller_and_the_Dest_block()
        {
            // One definition: the caller and the callee are both AmiChannel, and the event's own properties forward to it.
            Assert.Equal(typeof(AmiChannel), typeof(AmiDialEvent).GetProperty(nameof(AmiDialEvent.Dest))!.PropertyType);
            Assert.Equal(typeof(AmiChannel?), typeof(AmiDialEvent).GetProperty(nameof(AmiDialEvent.Caller))!.PropertyType);
            Assert.Equal(typeof(AmiChannel), typeof(AmiChannelEvent).GetProperty(nameof(AmiChannelEvent.Snapshot), BindingFlags.Instance | BindingFlags.NonPublic)!.PropertyType);
            Assert.Null(typeof(AmiChannelEvent).GetProperty(nameof(AmiChannelEvent.Snapshot))); // public, ConvertTo-Json would repeat the channel block
            Assert.DoesNotContain(typeof(AmiDialEvent).GetProperties(), p => p.Name.StartsWith("Dest", StringComparison.Ordinal) && p.Name != "Dest");

            var dial = EventTestData.FixtureEvents<DialEndEvent>("basic-call.ami").First(d => d.Caller is not null);
            var caller = dial.Caller!.Value;
            Assert.Equal(dial.Channel, caller.Channel);
            Assert.Equal("Local/1001@office-00000001;1", dial.Dest.Channel);
            Assert.Equal(AmiChannelState.Up, dial.Dest.ChannelState);
            Assert.Equal("1795492231.2", dial.Dest.Uniqueid);
            Assert.Equal("1795492231.0", dial.Dest.Linkedid);
            Assert.Equal("Dest", dial.Dest.Prefix);
            Assert.Equal(string.Empty, dial.Dest.AccountCode);
            Assert.Equal(caller.Linkedid, dial.Dest.Linkedid);

            // The same block reads the same way whatever the prefix: every property of AmiChannel agrees with the fields.
            foreach (var property in typeof(AmiChannel).GetProperties().Where(p => p.Name is not "Prefix" and not "IsPresent" and not "ChanVariables"))
            {
                var fromDest = property.GetValue(dial.Dest);
                var text = dial["Dest" + property.Name];
                Assert.True(text is null ? fromDest is null : fromDest is not null, property.Name);
            }

            // The dial an Originate makes has no caller block.
            var originated = EventTestData.FixtureEvents<DialEndEvent>("basic-call.ami").First(d => d.Caller is null);
            Assert.Null(originated.Channel);
            Assert.True(originated.Dest.IsPresent);
            Assert.Contains("(originate)", originated.ToString());
        }

        [Fact]
        public void Caller_names_are_unescaped_and_unknown_placeholders_read_as_null()
        {
            var e = Assert.IsType<NewchannelEvent>(EventTestData.Event(
                "Event: Newchannel", "Channel: PJSIP/1", "CallerIDNum: 555", "CallerIDName: O\\'Brien", "ConnectedLineNum: <unknown>", "ConnectedLineName: <unknown>"));
            Assert.Equal("O'Brien", e.CallerIDName);
            Assert.Equal("O\\'Brien", e["CallerIDName"]);
            Assert.Null(e.ConnectedLineNum);
            Assert.Equal("<unknown>", e["ConnectedLineNum"]);
        }

        [Fact]
        public void Making_an_event_allocates_one_object_and_reading_fields_allocates_nothing()
        {
            var message = TestSupport.Fixtures.Messages("basic-call.ami").First(m => m.Name == "Hangup");
            var received = DateTimeOffset.UtcNow;
            for (var i = 0; i < 100; i++)
            {
                Touch(AmiEventFactory.Create(message, received, "s"));
            }

            const int Rounds = 1000;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Rounds; i++)
            {
                AmiEventFactory.Create(message, received, "s");
            }

            var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
            Assert.InRange(perEvent, 1, 64); // the event object itself (message, time, session): no copy of the fields, no dictionary

            // Per read, not in all: a one-off allocation on this thread (seen once under CI: 832 bytes in 1,000 reads, from
            // the runtime, as a field that allocates does so on every read) is not the fields'. One object a read is 24 bytes.
            var hangup = (HangupEvent)AmiEventFactory.Create(message, received, "s");
            const int Reads = 10_000;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Reads; i++)
            {
                Touch(hangup);
            }

            Assert.Equal(0, (GC.GetAllocatedBytesForCurrentThread() - before) / Reads);
        }

        [Fact]
        public void Event_classes_declare_no_static_state_that_per_event_work_could_use()
        {
            // The factory is a switch on the name: no reflection, no registry to look types up in per event.
            var factory = typeof(AmiEventFactory);
            Assert.Empty(factory.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public));
        }

        private static void Touch(AmiEvent e)
        {
            if (e is HangupEvent h)
            {
                _ = h.Cause;
                _ = h.Uniqueid;
                _ = h.Linkedid;
                _ = h.ChannelState;
                _ = h.Channel;
                _ = h.CauseText;
            }
        }
    }
}
