using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Client
{
    public sealed class ResyncTests : ClientTestBase
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;

        [Fact]
        public async Task After_a_reconnect_calls_and_extensions_match_the_pbx()
        {
            Server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "0"), ("StatusText", "Idle") });
            using var session = NewSession();
            await session.ConnectAsync();
            Assert.Equal("Idle", session.Extensions.GetExtensions().Single().StatusText);

            // A call in progress...
            var peer = Server.LastPeer!;
            await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/1001-01"), ("ChannelState", "6"), ("CallerIDNum", "1001"), ("Uniqueid", "100.1"), ("Linkedid", "100.1"));
            await peer.SendAsync(null, ("Event", "ExtensionStatus"), ("Privilege", "call,all"), ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "1"), ("StatusText", "InUse"));
            await Eventually.WaitUntilAsync(() => session.Calls.ActiveCount == 1 && session.Extensions.GetExtensions().Single().Status == 1, Deadline, "call and state seen");

            // ...the link drops; meanwhile that call ends, another starts, and the extension rings.
            peer.Close();
            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Reconnecting || session.ReconnectCount > 0, Deadline, "link lost");
            while (Server.Hints.TryDequeue(out _))
            {
            }

            Server.Hints.Enqueue(new[] { ("Exten", "1001"), ("Context", "office"), ("Hint", "PJSIP/1001"), ("Status", "8"), ("StatusText", "Ringing") });
            Server.LiveChannels.Enqueue(new[] { ("Channel", "PJSIP/2000-02"), ("ChannelState", "5"), ("CallerIDNum", "2000"), ("Uniqueid", "200.1"), ("Linkedid", "200.1"), ("Duration", "00:00:04"), ("BridgeId", "") });

            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.Calls.GetCall("200.1") is not null, Deadline, "resynchronised");

            var vanished = session.Calls.GetCall("100.1")!;
            Assert.Equal(AmiCallState.Ended, vanished.State);
            Assert.Equal(AmiCallDisposition.Unknown, vanished.Disposition);
            Assert.True(vanished.EndTimeInferred);
            var started = session.Calls.GetCall("200.1")!;
            Assert.True(started.IsActive);
            Assert.Equal("2000", started.From);
            Assert.Equal("Ringing", session.Extensions.GetExtensions().Single().StatusText);
            Assert.Contains(session.Log.GetEntries(), e => e.Message.StartsWith("Resynchronised"));
        }
    }
}
