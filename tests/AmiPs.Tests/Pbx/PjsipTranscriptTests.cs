using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Pbx
{
    /// <summary>The PJSIP transcripts of a real Asterisk, answered through a real session into endpoints and registrations.</summary>
    public sealed class PjsipTranscriptTests : PbxTestBase
    {
        [Fact]
        public async Task Pjsip_lists_load_endpoints_with_their_contacts()
        {
            AnswerFrom("pjsip-lists");
            using var session = await ConnectLoadedAsync();

            Assert.Null(session.Endpoints.LoadError);
            Assert.Equal(AmiSipStack.Pjsip, session.Endpoints.Stack);
            Assert.Equal(new[] { "1001", "1002", "selftrunk" }, session.Endpoints.GetEndpoints().Select(e => e.Name));

            var phone = session.Endpoints.Find("1001")!;
            Assert.Equal(AmiDeviceState.Unavailable, phone.State);
            Assert.Equal("Unavailable", phone.StateText);
            Assert.Equal("transport-udp", phone.Transport);
            Assert.Equal(new[] { "1001" }, phone.Aors);
            Assert.Equal(0, phone.ActiveChannels);
            var unreachable = Assert.Single(phone.Contacts);
            Assert.Equal("sip:1001@127.0.0.1:5071", unreachable.Uri); // static: from PJSIPShowEndpoint's ContactStatusDetail
            Assert.Equal(AmiContactStatus.Unreachable, unreachable.Status);
            Assert.Null(unreachable.GetRoundTrip());
            Assert.False(phone.IsReachable);

            var idle = session.Endpoints.Find("1002")!;
            Assert.Empty(idle.Contacts);
            Assert.False(idle.IsReachable);

            var trunk = session.Endpoints.Find("selftrunk")!;
            Assert.Equal(AmiDeviceState.NotInUse, trunk.State);
            Assert.Equal("Not in use", trunk.StateText);
            Assert.True(trunk.IsReachable);
            var contact = Assert.Single(trunk.Contacts);
            Assert.Equal("sip:selftrunk@127.0.0.1:5060", contact.Uri);
            Assert.Equal(AmiContactStatus.Reachable, contact.Status);
            Assert.Equal(TimeSpan.FromTicks(4560), contact.GetRoundTrip()); // RoundtripUsec: 456
            Assert.Equal("Asterisk PBX GIT-master-f0c1c1a7b7", contact.UserAgent);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796149122), contact.ExpiresAt);
            Assert.Equal("selftrunk", contact.Aor);
            Assert.Equal("PJSIP/selftrunk Not in use, 1 contact Reachable 0.5 ms", trunk.ToString());
        }

        [Fact]
        public async Task Pjsip_lists_load_registrations_provider_registered_deadtrunk_rejected()
        {
            AnswerFrom("pjsip-lists");
            using var session = await ConnectLoadedAsync();

            var registrations = session.Registrations.GetRegistrations();
            Assert.Equal(new[] { "deadtrunk", "provider" }, registrations.Select(r => r.Name));
            var provider = session.Registrations.Find("provider")!;
            Assert.Equal(AmiRegistrationStatus.Registered, provider.Status);
            Assert.True(provider.IsRegistered);
            Assert.Equal("sip:127.0.0.1:5060", provider.ServerUri);
            Assert.Equal("sip:selftrunk@127.0.0.1:5060", provider.ClientUri);
            Assert.Equal(TimeSpan.FromSeconds(120), provider.GetExpiration());
            Assert.Equal(TimeSpan.FromSeconds(10), provider.GetRetryInterval());
            Assert.Null(provider.NextRegistration); // NextReg: 0
            var dead = session.Registrations.Find("deadtrunk")!;
            Assert.Equal(AmiRegistrationStatus.Rejected, dead.Status);
            Assert.False(dead.IsRegistered);
            Assert.Equal("deadtrunk Rejected (sip:127.0.0.1:5090)", dead.ToString());
        }

        [Fact]
        public async Task Pjsip_events_are_reflected_before_any_subscriber_sees_them()
        {
            AnswerFrom("pjsip-lists", "pjsip-events");
            using var session = await ConnectLoadedAsync();
            using var subscription = session.Subscribe();

            // One event at a time: when a subscriber holds the event, the objects already say what it says.
            var checkedEvents = 0;
            foreach (var live in Answers.LiveEvents)
            {
                await Answers.SendLiveAsync(Server.LastPeer!, m => ReferenceEquals(m, live));
                var e = await NextAsync(subscription);
                Assert.Equal(live.Name, e.Event);
                switch (e)
                {
                    case RegistryEvent r:
                        var registration = session.Registrations.GetRegistrations().Single(x => x.ClientUri == r.Username);
                        Assert.Equal(r.Status, registration.Status);
                        checkedEvents++;
                        break;
                    case ContactStatusEvent c:
                        var endpoint = session.Endpoints.Find(c.EndpointName!)!;
                        var contact = endpoint.Contacts.SingleOrDefault(x => x.Uri == c.Uri);
                        if (c.ContactStatus == AmiContactStatus.Removed)
                        {
                            Assert.Null(contact);
                            Assert.Equal(AmiDeviceState.Unavailable, endpoint.State);
                        }
                        else
                        {
                            Assert.Equal(c.ContactStatus, contact!.Status);
                            Assert.Equal(AmiDeviceState.NotInUse, endpoint.State);
                        }

                        checkedEvents++;
                        break;
                }
            }

            Assert.Equal(6, checkedEvents); // 3 Registry, 3 ContactStatus
            var trunk = session.Endpoints.Find("selftrunk")!;
            Assert.Equal(TimeSpan.FromTicks(10010), Assert.Single(trunk.Contacts).GetRoundTrip()); // the last RoundtripUsec: 1001
            Assert.True(session.Registrations.Find("provider")!.IsRegistered);
        }

        [Fact]
        public async Task Device_state_changes_and_a_rejected_registration_follow_the_devstate_transcript()
        {
            AnswerFrom("pjsip-lists", "pjsip-events-devstate");
            using var session = await ConnectLoadedAsync();
            var peer = Server.LastPeer!;

            // Up to and with the first DeviceStateChange: the trunk's contact is gone and its device unavailable.
            var firstDevstate = Answers.LiveEvents.ToList().FindIndex(m => m.Name == "DeviceStateChange");
            await Answers.SendLiveAsync(peer, m => Answers.LiveEvents.ToList().IndexOf(m) <= firstDevstate);
            await Eventually.WaitUntilAsync(() => session.Endpoints.Find("selftrunk")!.State == AmiDeviceState.Unavailable, Deadline, "selftrunk unavailable");

            await Answers.SendLiveAsync(peer, m => Answers.LiveEvents.ToList().IndexOf(m) > firstDevstate);
            await Eventually.WaitUntilAsync(() => session.Endpoints.Find("selftrunk")!.GetRoundTrip() == TimeSpan.FromTicks(5170), Deadline, "selftrunk reachable again (RoundtripUsec: 517)");
            Assert.Equal(AmiDeviceState.NotInUse, session.Endpoints.Find("selftrunk")!.State);
            Assert.Equal(TimeSpan.FromTicks(5170), session.Endpoints.Find("selftrunk")!.GetRoundTrip());
            Assert.Equal(AmiRegistrationStatus.Rejected, session.Registrations.Find("deadtrunk")!.Status);
            Assert.True(session.Registrations.Find("provider")!.IsRegistered);
        }

        [Fact]
        public async Task After_a_reconnect_what_changed_while_the_link_was_down_is_current()
        {
            AnswerFrom("pjsip-lists", "pjsip-events");
            using var session = await ConnectLoadedAsync();

            // The trunk loses its registration and contact (live)...
            var removed = Answers.LiveEvents.ToList().FindIndex(m => m["ContactStatus"] == "Removed");
            await Answers.SendLiveAsync(Server.LastPeer!, m => Answers.LiveEvents.ToList().IndexOf(m) <= removed);
            await Eventually.WaitUntilAsync(() => !session.Registrations.Find("provider")!.IsRegistered && session.Endpoints.Find("selftrunk")!.Contacts.Count == 0, Deadline, "trunk down");

            // ...the link drops, and while it is down the trunk registers again: the lists after login say so.
            var endpointsLoaded = session.Endpoints.LoadedAt;
            var registrationsLoaded = session.Registrations.LoadedAt;
            Server.LastPeer!.Close();
            await Eventually.WaitUntilAsync(
                () => session.ReconnectCount == 1 && session.Endpoints.LoadedAt > endpointsLoaded && session.Registrations.LoadedAt > registrationsLoaded, Deadline, "reloaded");

            Assert.True(session.Registrations.Find("provider")!.IsRegistered);
            Assert.True(session.Endpoints.Find("selftrunk")!.IsReachable);
            Assert.Equal(2, Server.ReceivedCount("PJSIPShowEndpoints"));
            Assert.Equal(2, Server.ReceivedCount("ListCommands")); // asked again: the server may have changed
        }

        [Fact]
        public async Task A_server_without_pjsip_or_chan_sip_says_so_by_name()
        {
            Server.OnAction = (peer, action) => action["Action"] == "ListCommands"
                ? peer.SendAsync(action.ActionId, ("Response", "Success"), ("Ping", "Keepalive command.  (Priv: <none>)"), ("QueueStatus", "Show queue status.  (Priv: <none>)"))
                : ScriptedAmiServer.RefuseAsync(peer, action);
            using var session = await ConnectLoadedAsync();

            Assert.Contains("res_pjsip", session.Endpoints.LoadError);
            Assert.Contains("chan_sip", session.Registrations.LoadError);
            var ex = await Assert.ThrowsAsync<AmiFeatureMissingException>(() => session.Endpoints.LoadAsync(session));
            Assert.Equal("res_pjsip or chan_sip", ex.Feature);
            Assert.False(session.Capabilities!.HasPjsip);
            Assert.True(session.Capabilities.HasQueues);
            Assert.Equal(0, Server.ReceivedCount("PJSIPShowEndpoints"));
        }
    }
}
