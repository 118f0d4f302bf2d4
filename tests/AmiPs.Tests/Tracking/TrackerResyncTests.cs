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
    /// <summary>The trackers' side of a resync: lists from the PBX against events handled meanwhile.</summary>
    public sealed class TrackerResyncTests
    {
        [Fact]
        public void A_channel_that_hangs_up_while_the_list_is_on_its_way_is_not_brought_back()
        {
            var tracker = new AmiCallTracker(10);
            var started = DateTimeOffset.Now;
            tracker.BeginResync();
            var listed = Item("CoreShowChannel", ("Channel", "PJSIP/1-1"), ("Uniqueid", "9.1"), ("Linkedid", "9.1"), ("ChannelState", "6"), ("Duration", "00:00:10"));
            tracker.Apply(Event("Hangup", ("Channel", "PJSIP/1-1"), ("Uniqueid", "9.1"), ("Linkedid", "9.1"), ("Cause", "16")));

            var result = tracker.Resync(new[] { listed }, started, DateTimeOffset.Now);

            Assert.Equal(0, result.CallsAdded);
            Assert.Equal(0, tracker.ActiveCount);

            // The window closes with the resync: the next one lists the channel as live again.
            var later = tracker.Resync(new[] { listed }, DateTimeOffset.Now, DateTimeOffset.Now);
            Assert.Equal(1, later.CallsAdded);
        }

        [Fact]
        public void A_server_clock_ahead_of_ours_does_not_keep_vanished_calls_alive()
        {
            var tracker = new AmiCallTracker(10);
            var serverAhead = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds() / 1000.0;
            tracker.Apply(Event("Newchannel", ("Timestamp", serverAhead.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture)), ("Channel", "PJSIP/1-1"), ("Uniqueid", "5.1"), ("Linkedid", "5.1"), ("ChannelState", "6")));
            var resync = DateTimeOffset.Now.AddMilliseconds(1);

            var result = tracker.Resync(Array.Empty<AmiEvent>(), resync, resync);

            Assert.Equal(1, result.CallsClosed);
            var call = tracker.GetCall("5.1")!;
            Assert.True(call.EndTimeInferred);
            Assert.Equal(AmiCallDisposition.Unknown, call.Disposition);
        }

        [Fact]
        public void Status_items_serve_as_the_live_channel_list()
        {
            var items = Fixtures.Messages("command-and-lists.ami").Where(m => m.Name == "Status" && m["Uniqueid"] is not null)
                .Select(m => AmiEventFactory.Create(m, DateTimeOffset.Now, "t")).ToList();
            Assert.NotEmpty(items);
            var tracker = new AmiCallTracker(10);
            var now = DateTimeOffset.Now;

            tracker.Resync(items, now, now);

            var calls = tracker.GetCalls();
            Assert.Equal(items.Select(i => i["Linkedid"]).Distinct().OrderBy(x => x), calls.Select(c => c.Id).OrderBy(x => x));
            Assert.Equal(items.Count, calls.Sum(c => c.Channels.Count));
            Assert.All(calls, c => Assert.True(c.StartTimeInferred && c.IsActive));
            var seconds = int.Parse(items[0]["Seconds"]!);
            Assert.Contains(calls.SelectMany(c => c.Channels), leg => leg.StartTime == now.AddSeconds(-seconds));
        }

        [Fact]
        public void A_live_extension_state_handled_during_the_load_wins_over_the_older_list()
        {
            var tracker = new AmiExtensionTracker("t");
            tracker.BeginLoad();
            var listed = Item("ExtensionStatus", ("Exten", "1001"), ("Context", "office"), ("Hint", "Custom:1001"), ("Status", "0"), ("StatusText", "Idle"));
            tracker.Apply(Event("ExtensionStatus", ("Exten", "1001"), ("Context", "office"), ("Hint", "Custom:1001"), ("Status", "8"), ("StatusText", "Ringing")));

            tracker.Load(new[] { listed, Item("ExtensionStatus", ("Exten", "1002"), ("Context", "office"), ("Hint", "Custom:1002"), ("Status", "4"), ("StatusText", "Unavailable")) });

            Assert.Equal(new[] { "1001 Ringing", "1002 Unavailable" }, tracker.GetExtensions().Select(e => e.Exten + " " + e.StatusText));

            tracker.Load(new[] { listed });
            Assert.Equal(new[] { "1001 Idle" }, tracker.GetExtensions().Select(e => e.Exten + " " + e.StatusText));
        }

        private static AmiEvent Event(string name, params (string Key, string Value)[] fields) => Make(name, "call,all", fields);

        private static AmiEvent Item(string name, params (string Key, string Value)[] fields) => Make(name, null, fields);

        private static AmiEvent Make(string name, string? privilege, (string Key, string Value)[] fields)
        {
            var all = new List<AmiField> { new AmiField("Event", name) };
            all.Add(privilege is null ? new AmiField("ActionID", "1") : new AmiField("Privilege", privilege));
            all.AddRange(fields.Select(f => new AmiField(f.Key, f.Value)));
            return AmiEventFactory.Create(new AmiMessage(all), DateTimeOffset.Now, "test");
        }
    }
}
