using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using AmiPs.Events;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Events
{
    /// <summary>One PowerShell engine with the module imported, shared by the adapter tests (starting one costs seconds).</summary>
    public sealed class PsHostFixture : IDisposable
    {
        public PsHost Host { get; } = new PsHost();

        public void Dispose() => Host.Dispose();
    }

    /// <summary>
    /// Every field of every event readable as a PowerShell property, through the real engine and the module's type data:
    /// typed properties for known fields, the property adapter for the rest.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class EventAdapterTests : IClassFixture<PsHostFixture>
    {
        private readonly PsHost _ps;

        public EventAdapterTests(PsHostFixture fixture) => _ps = fixture.Host;

        /// <summary>Every concrete event class of Core, by reflection (here in the test, never in the product's hot path).</summary>
        public static IEnumerable<object[]> EventClasses() =>
            typeof(AmiEvent).Assembly.GetTypes()
                .Where(t => typeof(AmiEvent).IsAssignableFrom(t) && !t.IsAbstract && t.IsPublic)
                .OrderBy(t => t.Name)
                .Select(t => new object[] { t.Name });

        [Fact]
        public void Every_concrete_event_class_is_registered_for_the_adapter_in_the_type_data()
        {
            var registered = XDocument.Load(Path.Combine(RepoPaths.Root, "module", "AmiPs.types.ps1xml"))
                .Descendants("Type")
                .Where(t => (string?)t.Element("TypeAdapter")?.Element("TypeName") == "AmiPs.Commands.AmiEventAdapter")
                .Select(t => (string)t.Element("Name")!)
                .ToHashSet();

            var classes = typeof(AmiEvent).Assembly.GetTypes().Where(t => typeof(AmiEvent).IsAssignableFrom(t) && !t.IsAbstract).ToList();
            Assert.True(classes.Count > 20, "the event classes were found");
            Assert.DoesNotContain(classes.Select(t => t.FullName!), name => !registered.Contains(name));
            Assert.DoesNotContain(registered, name => classes.All(t => t.FullName != name));
        }

        [Theory]
        [MemberData(nameof(EventClasses))]
        public void Each_event_class_reads_unknown_fields_and_every_property(string className)
        {
            // Class names are the AMI name plus "Event"; the generic class stands for any other name.
            var name = className == nameof(AmiEvent) ? "SomethingNew" : className.Substring(0, className.Length - "Event".Length);
            var e = EventTestData.Event($"Event: {name}", "Privilege: call,all", "Channel: PJSIP/1001-00000001", "Weird-Key: w1", "Weird-Key: w2", "ZzNewerThanAmiPs: z");
            Assert.Equal(className, e.GetType().Name);

            var result = _ps.Run(
                "$e.'Weird-Key'; $e.zznewerthanamips; $e.Event; $e.Session; " +
                "@($e.PSObject.Properties | ForEach-Object { $null = $_.Value; $_.Name }).Count -ge 10; " +
                "$e.PSObject.Properties.Name -contains 'ZzNewerThanAmiPs'",
                new Dictionary<string, object?> { ["e"] = e }).ThrowIfErrors();

            Assert.Equal(new object[] { "w1", "z", name, "test", true, true }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Known_fields_are_typed_and_the_raw_text_stays_readable()
        {
            var hangup = EventTestData.FixtureEvents<HangupEvent>("basic-call.ami").First();
            var result = _ps.Run(
                "$h.Cause; $h.Cause.GetType().Name; $h.'Cause-txt'; $h.CauseText; $h.ChannelState; $h.ChannelState.GetType().Name; " +
                "$h.GetField('ChannelState'); $h.Priority.GetType().Name; $h.cause",
                new Dictionary<string, object?> { ["h"] = hangup }).ThrowIfErrors();

            Assert.Equal(
                new object[] { 16, "Int32", "Normal Clearing", "Normal Clearing", AmiChannelState.Up, nameof(AmiChannelState), "6", "Int32", 16 },
                result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Bridge_and_dial_fields_read_as_properties()
        {
            var enter = EventTestData.FixtureEvents<BridgeEnterEvent>("basic-call.ami").First();
            var dialEnd = EventTestData.FixtureEvents<DialEndEvent>("basic-call.ami").First(d => d.Caller is not null);
            var result = _ps.Run(
                "$b.BridgeTechnology; $b.BridgeNumChannels.GetType().Name; $b.BridgeCreator; $b.GetField('BridgeCreator'); " +
                "$d.DestChannel; $d.Dest.Channel; $d.DestChannelState; $d.Dest.ChannelState; $d.DialStatus",
                new Dictionary<string, object?> { ["b"] = enter, ["d"] = dialEnd }).ThrowIfErrors();

            Assert.Equal(
                new object[]
                {
                    "simple_bridge", "Int32", null!, "<unknown>",
                    "Local/1001@office-00000001;1", "Local/1001@office-00000001;1", "6", AmiChannelState.Up, AmiDialStatus.Answer,
                },
                result.Output.Select(o => o?.BaseObject));
        }

        [Fact]
        public void Unknown_events_arrive_as_generic_events_whose_fields_are_properties()
        {
            var e = EventTestData.Event("Event: AgentDump", "Privilege: agent,all", "Queue: sales", "HoldTime: 12", "Queue: second");
            var result = _ps.Run(
                "$g.GetType().FullName; $g.Event; $g.Queue; $g.HoldTime; $g.Fields.Count; ($g.GetFieldValues('Queue')) -join ','; $g.Privilege",
                new Dictionary<string, object?> { ["g"] = e }).ThrowIfErrors();

            Assert.Equal(
                new object[] { "AmiPs.Events.AmiEvent", "AgentDump", "sales", "12", 5, "sales,second", "agent,all" },
                result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Events_are_read_only_and_carry_no_note_properties()
        {
            var e = EventTestData.Event("Event: Hangup", "Channel: PJSIP/1", "Cause: 16", "Cause-txt: Normal Clearing");
            var result = _ps.Run(
                "@($h.PSObject.Properties | Where-Object MemberType -eq 'NoteProperty').Count; try { $h.Cause = 3; 'set' } catch { 'refused' }; $h.Cause",
                new Dictionary<string, object?> { ["h"] = e });

            Assert.Equal(new object[] { 0, "refused", 16 }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Where_Object_and_ForEach_Object_see_adapted_fields()
        {
            var events = EventTestData.FixtureEvents("busy-and-noanswer.ami");
            var result = _ps.Run(
                "@($all | Where-Object 'Cause-txt' -eq 'User busy' | ForEach-Object Channel); @($all | Where-Object DialStatus -eq 'NOANSWER' | ForEach-Object DestChannel).Count",
                new Dictionary<string, object?> { ["all"] = events }).ThrowIfErrors();

            var expected = events.OfType<HangupEvent>().Where(h => h["Cause-txt"] == "User busy").Select(h => (object)h.Channel!).ToList();
            Assert.NotEmpty(expected);
            expected.Add(events.OfType<DialEndEvent>().Count(d => d.DialStatusText == "NOANSWER"));
            Assert.Equal(expected, result.Output.Select(o => o.BaseObject));
        }
    }
}
