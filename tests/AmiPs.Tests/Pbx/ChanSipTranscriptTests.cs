using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Pbx
{
    /// <summary>An Asterisk 20 with chan_sip and no PJSIP (ast20-*): the same objects, through the chan_sip path.</summary>
    public sealed class ChanSipTranscriptTests : PbxTestBase
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task Ast20_sip_lists_load_peers_as_endpoints_and_the_registry_as_registrations()
        {
            AnswerFrom("ast20-sip-lists");
            Server.Banner = "Asterisk Call Manager/9.0.0\r\n";
            using var session = await ConnectLoadedAsync();

            Assert.Equal(AmiSipStack.ChanSip, session.Endpoints.Stack);
            Assert.Equal(0, Server.ReceivedCount("PJSIPShowEndpoints")); // ListCommands said there is none
            Assert.Equal(new[] { "2001", "2002", "selfpeer" }, session.Endpoints.GetEndpoints().Select(e => e.Name));

            var dynamicPeer = session.Endpoints.Find("2001")!; // IPaddress: -none-, UNKNOWN: not registered
            Assert.Empty(dynamicPeer.Contacts);
            Assert.Equal(AmiDeviceState.Unavailable, dynamicPeer.State);
            Assert.Equal("SIP/2001", dynamicPeer.Device);

            var unreachable = session.Endpoints.Find("2002")!;
            var contact = Assert.Single(unreachable.Contacts);
            Assert.Equal("sip:2002@127.0.0.1:5064", contact.Uri);
            Assert.Equal(AmiContactStatus.Unreachable, contact.Status);
            Assert.False(unreachable.IsReachable);

            var self = session.Endpoints.Find("selfpeer")!; // Status: OK (1 ms)
            Assert.True(self.IsReachable);
            Assert.Equal(TimeSpan.FromMilliseconds(1), self.GetRoundTrip());
            Assert.Equal(AmiDeviceState.NotInUse, self.State);

            var registration = Assert.Single(session.Registrations.GetRegistrations());
            Assert.Equal("trunkuser@127.0.0.1", registration.Name);
            Assert.Equal(AmiRegistrationStatus.RequestSent, registration.Status);
            Assert.Equal("Request Sent", registration.StatusText);
            Assert.False(registration.IsRegistered);
            Assert.Equal("sip:127.0.0.1:5063", registration.ServerUri);
            Assert.Equal("sip:trunkuser@127.0.0.1:5060", registration.ClientUri);
            Assert.Equal(TimeSpan.FromSeconds(120), registration.GetExpiration());
        }

        [Fact]
        public async Task Chan_sip_PeerStatus_and_Registry_keep_the_objects_live()
        {
            AnswerFrom("ast20-sip-lists");
            using var session = await ConnectLoadedAsync();
            var peer = Server.LastPeer!;

            // chan_sip's own words (chan_sip.c): Registered with Address, Reachable with Time, Unreachable with Time -1, Unregistered with Cause.
            await peer.SendAsync(null, ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "SIP"), ("Peer", "SIP/2001"), ("PeerStatus", "Registered"), ("Address", "192.0.2.7:5060"));
            await peer.SendAsync(null, ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "SIP"), ("Peer", "SIP/2001"), ("PeerStatus", "Reachable"), ("Time", "12"));
            await peer.SendAsync(null, ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "SIP"), ("Peer", "SIP/selfpeer"), ("PeerStatus", "Unreachable"), ("Time", "-1"));
            await peer.SendAsync(null, ("Event", "Registry"), ("Privilege", "system,all"), ("ChannelType", "SIP"), ("Username", "trunkuser"), ("Domain", "127.0.0.1"), ("Status", "Registered"));
            await Eventually.WaitUntilAsync(() => session.Registrations.Find("trunkuser@127.0.0.1")!.IsRegistered, Deadline, "trunk registered");

            var phone = session.Endpoints.Find("2001")!;
            Assert.Equal("sip:2001@192.0.2.7:5060", Assert.Single(phone.Contacts).Uri);
            Assert.Equal(TimeSpan.FromMilliseconds(12), phone.GetRoundTrip());
            Assert.Equal(AmiDeviceState.NotInUse, phone.State);
            Assert.False(session.Endpoints.Find("selfpeer")!.IsReachable);
            Assert.Equal(AmiDeviceState.Unavailable, session.Endpoints.Find("selfpeer")!.State);

            await peer.SendAsync(null, ("Event", "PeerStatus"), ("Privilege", "system,all"), ("ChannelType", "SIP"), ("Peer", "SIP/2001"), ("PeerStatus", "Unregistered"), ("Cause", "Expired"));
            await Eventually.WaitUntilAsync(() => session.Endpoints.Find("2001")!.Contacts.Count == 0, Deadline, "2001 unregistered");
            Assert.Equal(AmiDeviceState.Unavailable, session.Endpoints.Find("2001")!.State);
        }

        [Fact]
        public async Task Ast20_server_info_comes_from_its_CoreSettings_CoreStatus_and_ListCommands()
        {
            AnswerFrom("ast20-sip-lists");
            using var session = await ConnectLoadedAsync(AmiTrackedState.None);
            var info = await session.GetServerInfoAsync();

            Assert.Equal("20.20.1", info.AsteriskVersion);
            Assert.Equal("9.0.0", info.AmiVersion);
            Assert.Null(info.SystemName);
            Assert.Equal(new DateTimeOffset(new DateTime(2026, 12, 1, 18, 50, 20, DateTimeKind.Local)), info.StartedAt);
            Assert.Equal(0, info.ActiveChannels);
            Assert.Equal(0, info.MaxCalls);
            Assert.True(info.Capabilities.HasChanSip);
            Assert.False(info.Capabilities.HasPjsip);
            Assert.True(info.Capabilities.HasQueues);
            Assert.Equal(101, info.Capabilities.Actions.Count); // ListCommands: one "Name: synopsis (Priv: ...)" line each (101 in the recording)
            Assert.Equal(new[] { "chan_sip", "app_queue" }, info.Capabilities.Modules);
        }

        [Fact]
        public void Ast20_basic_call_tracks_as_right_as_basic_call()
        {
            var records = new[] { "basic-call.ami", "ast20-basic-call.ami" }.Select(fixture =>
            {
                var tracker = new AmiCallTracker(100, "test");
                var i = 0;
                foreach (var message in Fixtures.Messages(fixture).Where(m => m.Kind == AmiMessageKind.Event))
                {
                    tracker.Apply(AmiEventFactory.Create(message, T0.AddMilliseconds(10 * i++), "test"));
                }

                Assert.Equal(0, tracker.ActiveCount);
                return Assert.Single(tracker.GetCalls());
            }).ToList();

            var (master, ast20) = (records[0], records[1]);
            Assert.Equal(AmiCallDisposition.Answered, ast20.Disposition);
            Assert.Equal(AmiCallState.Ended, ast20.State);
            foreach (var property in new Func<AmiCall, object?>[] { c => c.Disposition, c => c.From, c => c.FromName, c => c.To, c => c.AnsweredBy, c => c.HangupCause, c => c.Channels.Count, c => c.Bridges.Count })
            {
                Assert.Equal(property(master), property(ast20));
            }

            Assert.NotNull(ast20.AnswerTime);
            Assert.True(ast20.GetTalkTime() > TimeSpan.Zero);
        }
    }
}
