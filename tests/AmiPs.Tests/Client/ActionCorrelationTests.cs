using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Client
{
    public sealed class ActionCorrelationTests : ClientTestBase
    {
        [Fact]
        public async Task List_items_are_matched_by_ActionID_while_live_events_interleave()
        {
            Server.OnAction = async (peer, action) =>
            {
                var id = action.ActionId;
                await peer.SendAsync(id, ("Response", "Success"), ("EventList", "start"), ("Message", "Channels will follow"));
                await peer.SendAsync(null, ("Event", "Newchannel"), ("Privilege", "call,all"), ("Channel", "PJSIP/live-1"));
                await peer.SendAsync(id, ("Event", "Status"), ("Channel", "Local/a"));
                await peer.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/live-1"));
                await peer.SendAsync(id, ("Event", "Status"), ("Channel", "Local/b"));
                await peer.SendAsync(id, ("Event", "StatusComplete"), ("EventList", "Complete"), ("ListItems", "2"), ("Items", "2"));
            };
            using var session = NewSession();
            await session.ConnectAsync();
            using var live = session.Subscribe(new AmiSubscriptionOptions { EventTypes = new[] { "Newchannel", "Hangup" } });

            var response = await session.SendActionAsync(new AmiAction("Status"));

            Assert.True(response.IsSuccess);
            Assert.Equal(new[] { "Local/a", "Local/b" }, response.Events.Select(e => e["Channel"]));
            Assert.Equal("2", response.Completion!["ListItems"]);
            await Eventually.WaitUntilAsync(() => live.Pending == 2, TimeSpan.FromSeconds(5), "two live events");
            Assert.True(live.TryRead(out var first));
            Assert.Equal("Newchannel", first.Event);
        }

        [Fact]
        public async Task Concurrent_actions_each_get_their_own_response_even_when_answered_out_of_order()
        {
            var held = new List<(ServerPeer Peer, AmiMessage Action)>();
            Server.OnAction = async (peer, action) =>
            {
                if (action["Action"] != "Echo")
                {
                    // The trackers' ListCommands after login: held, it would wait out its timeout and count as one of the twenty.
                    await ScriptedAmiServer.RefuseAsync(peer, action);
                    return;
                }

                lock (held)
                {
                    held.Add((peer, action));
                    if (held.Count < 20)
                    {
                        return;
                    }
                }

                // Answer all twenty, last first.
                foreach (var (p, a) in held.AsEnumerable().Reverse())
                {
                    await p.SendAsync(a.ActionId, ("Response", "Success"), ("Message", "echo " + a["Value"]));
                }
            };
            using var session = NewSession();
            await session.ConnectAsync();

            var tasks = Enumerable.Range(0, 20).Select(i => session.SendActionAsync(new AmiAction("Echo").Add("Value", i.ToString()))).ToArray();
            var responses = await Task.WhenAll(tasks);

            for (var i = 0; i < 20; i++)
            {
                Assert.Equal("echo " + i, responses[i].Message);
            }
        }

        [Fact]
        public async Task Command_output_comes_back_as_lines_in_the_current_form()
        {
            Server.OnAction = (peer, action) => peer.SendAsync(action.ActionId, ("Response", "Success"), ("Message", "Command output follows"), ("Output", "Asterisk 22.0.0 built by x"), ("Output", ""), ("Output", "last line"));
            using var session = NewSession();
            await session.ConnectAsync();

            var response = await session.InvokeCommandAsync("core show version");

            Assert.Equal(new[] { "Asterisk 22.0.0 built by x", "", "last line" }, response.Output);
            Assert.Equal("core show version", Server.Received.Last()["Command"]);
        }

        [Fact]
        public async Task Command_output_comes_back_as_lines_in_the_old_follows_form()
        {
            Server.OnAction = (peer, action) => peer.SendRawAsync(Encoding.ASCII.GetBytes(
                $"Response: Follows\r\nPrivilege: Command\r\nActionID: {action.ActionId}\r\nAsterisk 11.25.3 built by x\nsecond: line\n--END COMMAND--\r\n\r\n"));
            using var session = NewSession();
            await session.ConnectAsync();

            var response = await session.InvokeCommandAsync("core show version");

            Assert.True(response.IsSuccess);
            Assert.Equal(new[] { "Asterisk 11.25.3 built by x", "second: line" }, response.Output);
        }

        [Fact]
        public async Task A_timed_out_action_fails_alone_and_the_session_goes_on()
        {
            Server.OnAction = (peer, action) => action["Action"] == "Slow" ? Task.CompletedTask : peer.SendAsync(action.ActionId, ("Response", "Success"));
            using var session = NewSession();
            await session.ConnectAsync();

            var error = await Assert.ThrowsAsync<AmiActionTimeoutException>(() => session.SendActionAsync(new AmiAction("Slow"), TimeSpan.FromMilliseconds(200)));
            Assert.Equal("Slow", error.Action);

            var ping = await session.SendActionAsync(new AmiAction("Ping"));
            Assert.Equal("Pong", ping["Ping"]);
            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.Equal(0, session.GetStatus().PendingActions);
        }

        [Fact]
        public async Task A_line_break_in_a_value_is_refused_and_nothing_is_sent()
        {
            using var session = NewSession();
            await session.ConnectAsync();
            var before = Server.Received.Count;

            // Should the field be taken, the action is sent as a caller would: the wire then shows whether it got through.
            AmiAction? injected = null;
            var error = Record.Exception(() => injected = new AmiAction("Originate").Add("Channel", "Local/1@x\r\nAction: Hangup"));
            if (injected is not null)
            {
                try
                {
                    await session.SendActionAsync(injected, TimeSpan.FromSeconds(2));
                }
                catch (AmiException)
                {
                    // Whatever the server made of it: what it received is checked below.
                }
            }

            // A valid action after it: once the server has it, everything sent before it has arrived too.
            Assert.Equal("Pong", (await session.SendActionAsync(new AmiAction("Ping")))["Ping"]);
            var sent = Server.Received.Skip(before).ToList();
            Assert.Equal(new[] { "Ping" }, sent.Select(m => m["Action"]));
            Assert.DoesNotContain(sent.SelectMany(m => m), field => field.Value.Contains("Hangup"));
            var refused = Assert.IsType<AmiActionException>(error);
            Assert.Equal("Channel", refused.Field);
            Assert.Contains("line break", refused.Message);
        }

        [Fact]
        public async Task Actions_fail_at_once_with_a_clear_error_while_the_connection_is_down()
        {
            using var session = NewSession(o => o with { ReconnectDelay = TimeSpan.FromSeconds(30), MaxReconnectDelay = TimeSpan.FromSeconds(30) });
            await session.ConnectAsync();
            Server.DropAll();
            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Reconnecting, TimeSpan.FromSeconds(5), "Reconnecting");

            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.SendActionAsync(new AmiAction("Ping")));
            Assert.Contains("reconnecting", error.Message);
        }

        [Fact]
        public async Task Pending_actions_fail_when_the_connection_drops()
        {
            // Never answers Hold; refuses the rest (the trackers' ListCommands after login), or each would wait out its timeout.
            Server.OnAction = (peer, action) => action["Action"] == "Hold" ? Task.CompletedTask : ScriptedAmiServer.RefuseAsync(peer, action);
            using var session = NewSession();
            await session.ConnectAsync();

            var pending = session.SendActionAsync(new AmiAction("Hold"), TimeSpan.FromSeconds(30));
            await Eventually.WaitUntilAsync(() => Server.ReceivedCount("Hold") == 1, TimeSpan.FromSeconds(5), "action received");
            Server.DropAll();

            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => pending);
            Assert.Equal(AmiConnectionFailure.Closed, error.Failure);
        }

        [Fact]
        public void Log_event_ids_are_unique()
        {
            var ids = typeof(AmiLogEvents).GetFields().Select(f => (Microsoft.Extensions.Logging.EventId)f.GetValue(null)!).ToList();
            Assert.Equal(ids.Count, ids.Select(i => i.Id).Distinct().Count());
            Assert.Equal(ids.Count, ids.Select(i => i.Name).Distinct().Count());
        }
    }
}
