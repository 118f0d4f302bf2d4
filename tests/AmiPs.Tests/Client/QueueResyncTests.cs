using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.TestSupport;
using AmiPs.Tracking;
using Xunit;

namespace AmiPs.Tests.Client
{
    /// <summary>The queue tracker through a real session: loaded at login, live from events, reloaded after a reconnect.</summary>
    public sealed class QueueResyncTests : ClientTestBase
    {
        private static readonly TimeSpan Deadline = TestDefaults.Deadline;

        // What the scripted PBX answers to QueueStatus: its QueueParams, QueueMember and QueueEntry items.
        private readonly ConcurrentQueue<(string Key, string Value)[]> _queueItems = new ConcurrentQueue<(string Key, string Value)[]>();

        public QueueResyncTests()
        {
            Server.OnAction = async (peer, action) =>
            {
                if (action["Action"] != "QueueStatus")
                {
                    await ScriptedAmiServer.RefuseAsync(peer, action).ConfigureAwait(false);
                    return;
                }

                await peer.SendAsync(action.ActionId, ("Response", "Success"), ("EventList", "start"), ("Message", "Queue status will follow")).ConfigureAwait(false);
                var items = _queueItems.ToArray();
                foreach (var item in items)
                {
                    await peer.SendAsync(null, item.Append(("ActionID", action.ActionId!)).ToArray()).ConfigureAwait(false);
                }

                await peer.SendAsync(action.ActionId, ("Event", "QueueStatusComplete"), ("EventList", "Complete"), ("ListItems", items.Length.ToString())).ConfigureAwait(false);
            };
        }

        [Fact]
        public async Task Queues_load_at_login_follow_events_and_are_current_after_a_reconnect()
        {
            SetList(paused: false, callers: 0);
            using var session = NewSession();
            await session.ConnectAsync();
            Assert.Equal(AmiQueueSupport.Present, session.Queues.Support);
            var support = session.Queues.GetQueue("support")!;
            Assert.Equal(1, support.AvailableMembers);
            Assert.Equal("Alice", support.Members.Single().Name);

            // Live: a caller joins, Alice pauses for lunch.
            var peer = Server.LastPeer!;
            await peer.SendAsync(null, ("Event", "QueueCallerJoin"), ("Privilege", "agent,all"), ("Channel", "PJSIP/trunk-01"), ("CallerIDNum", "5550201"), ("CallerIDName", "Quinn"), ("Uniqueid", "9.1"), ("Queue", "support"), ("Position", "1"), ("Count", "1"));
            await peer.SendAsync(null, MemberFields("QueueMemberPause", paused: true).Prepend(("Event", "QueueMemberPause")).ToArray());
            await Eventually.WaitUntilAsync(() => session.Queues.GetQueue("support")!.Callers.Count == 1 && session.Queues.GetMember("support", "Local/1001@office")!.IsPaused, Deadline, "join and pause seen");
            Assert.Equal("lunch", session.Queues.GetMember("support", "Local/1001@office")!.PausedReason);

            // The link drops; meanwhile the caller gave up, two others wait and Alice is back.
            peer.Close();
            await Eventually.WaitUntilAsync(() => session.State != AmiSessionState.Connected || session.ReconnectCount > 0, Deadline, "link lost");
            SetList(paused: false, callers: 2);
            await Eventually.WaitUntilAsync(() => session.ReconnectCount == 1 && session.Queues.GetQueue("support")!.Callers.Count == 2, Deadline, "reloaded");

            support = session.Queues.GetQueue("support")!;
            Assert.Equal(new[] { "5550301", "5550302" }, support.Callers.Select(c => c.CallerIDNum));
            Assert.True(support.GetLongestWait() >= TimeSpan.FromSeconds(40));
            Assert.False(support.Members.Single().IsPaused);
            Assert.Equal(2, Server.ReceivedCount("QueueStatus"));
        }

        [Fact]
        public async Task A_pbx_without_app_queue_says_so_instead_of_listing_no_queues()
        {
            Server.OnAction = null; // every action unknown, as QueueStatus is where app_queue is not loaded
            using var session = NewSession();
            await session.ConnectAsync();

            Assert.Equal(AmiQueueSupport.Missing, session.Queues.Support);
            var error = Assert.Throws<AmiFeatureMissingException>(() => session.Queues.GetQueues());
            Assert.Equal("app_queue", error.Feature);
        }

        [Fact]
        public async Task A_user_who_may_not_read_queues_logs_in_without_a_warning()
        {
            Server.OnAction = (peer, action) => peer.SendAsync(action.ActionId, ("Response", "Error"), ("Message", "Permission denied"));
            using var session = NewSession();
            await session.ConnectAsync();

            Assert.Equal(1, Server.ReceivedCount("QueueStatus"));
            Assert.Equal(AmiQueueSupport.Unknown, session.Queues.Support);
            Assert.DoesNotContain(session.Log.GetEntries(), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        }

        [Fact]
        public async Task A_session_that_does_not_track_queues_never_asks_for_them()
        {
            SetList(paused: false, callers: 0);
            using var session = NewSession(o => o with { Track = AmiTrackedState.Calls });
            await session.ConnectAsync();
            await Server.LastPeer!.SendAsync(null, MemberFields("QueueMemberPause", paused: true).Prepend(("Event", "QueueMemberPause")).ToArray());
            await Eventually.WaitUntilAsync(() => session.EventsReceived >= 2, Deadline, "event read");

            Assert.Equal(0, Server.ReceivedCount("QueueStatus"));
            Assert.Equal(0, session.Queues.Count);
        }

        [Fact]
        public async Task WaitForMember_returns_the_member_once_an_event_shows_the_change()
        {
            SetList(paused: false, callers: 0);
            using var session = NewSession();
            await session.ConnectAsync();

            var wait = session.Queues.WaitForMemberAsync("support", "Local/1001@office", m => m?.IsPaused == true, Deadline);
            Assert.False(wait.IsCompleted);
            await Server.LastPeer!.SendAsync(null, MemberFields("QueueMemberPause", paused: true).Prepend(("Event", "QueueMemberPause")).ToArray());
            var member = await wait;
            Assert.Equal("lunch", member!.PausedReason);

            var timedOut = await session.Queues.WaitForMemberAsync("support", "Local/1001@office", m => m is null, TimeSpan.FromMilliseconds(50));
            Assert.NotNull(timedOut); // the condition never held: the member as it is
        }

        private void SetList(bool paused, int callers)
        {
            while (_queueItems.TryDequeue(out _))
            {
            }

            _queueItems.Enqueue(new[]
            {
                ("Event", "QueueParams"), ("Queue", "support"), ("Max", "0"), ("Strategy", "ringall"), ("Calls", callers.ToString()), ("Holdtime", "0"),
                ("TalkTime", "0"), ("Completed", "0"), ("Abandoned", "1"), ("ServiceLevel", "0"), ("ServicelevelPerf", "0.0"), ("ServicelevelPerf2", "0.0"), ("Weight", "0"),
            });
            _queueItems.Enqueue(new[] { ("Event", "QueueMember") }.Concat(MemberFields("QueueMember", paused)).ToArray());
            for (var i = 1; i <= callers; i++)
            {
                _queueItems.Enqueue(new[]
                {
                    ("Event", "QueueEntry"), ("Queue", "support"), ("Position", i.ToString()), ("Channel", $"PJSIP/trunk-0{i + 1}"), ("Uniqueid", $"9.{i + 1}"),
                    ("CallerIDNum", $"555030{i}"), ("CallerIDName", "Caller " + i), ("ConnectedLineNum", "<unknown>"), ("ConnectedLineName", "<unknown>"),
                    ("Wait", (60 - (i * 10)).ToString()), ("Priority", "0"),
                });
            }
        }

        private static (string Key, string Value)[] MemberFields(string kind, bool paused)
        {
            var list = kind == "QueueMember";
            return new[]
            {
                ("Queue", "support"), (list ? "Name" : "MemberName", "Alice"), (list ? "Location" : "Interface", "Local/1001@office"), ("StateInterface", "Custom:1001"),
                ("Membership", "static"), ("Penalty", "0"), ("CallsTaken", "0"), ("LastCall", "0"), ("LastPause", paused ? "1796149089" : "0"), ("LoginTime", "1796148992"),
                ("InCall", "0"), ("Status", "1"), ("Paused", paused ? "1" : "0"), ("PausedReason", paused ? "lunch" : string.Empty), ("Wrapuptime", "0"),
            };
        }
    }
}
