using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Events
{
    /// <summary>Events for the tests: from the recorded fixtures, or from a few lines of AMI text, both through the product's parser.</summary>
    internal static class EventTestData
    {
        public static readonly DateTimeOffset Received = new DateTimeOffset(2026, 11, 24, 3, 50, 31, TimeSpan.Zero);

        /// <summary>One message from <c>Key: Value</c> lines (CRLF added).</summary>
        public static AmiMessage Message(params string[] lines) =>
            Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"), withBanner: false).Single();

        public static AmiEvent Event(params string[] lines) => AmiEventFactory.Create(Message(lines), Received, "test");

        /// <summary>Every event of a fixture, made by the factory.</summary>
        public static List<AmiEvent> FixtureEvents(string name) =>
            Fixtures.Messages(name)
                .Where(m => m.Kind == AmiMessageKind.Event)
                .Select(m => AmiEventFactory.Create(m, Received, name))
                .ToList();

        /// <summary>Delivers one event as the session's read loop does: appended with its bytes, then a wake.</summary>
        public static void Publish(this AmiEventHub hub, AmiEvent amiEvent)
        {
            hub.Append(amiEvent, AmiMessageWriter.ToBytes(amiEvent.Raw));
            hub.WakeSubscribers();
        }

        public static List<T> FixtureEvents<T>(string name) where T : AmiEvent => FixtureEvents(name).OfType<T>().ToList();
    }
}
