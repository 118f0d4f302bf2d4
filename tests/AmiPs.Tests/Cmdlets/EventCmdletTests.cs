using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.Events;
using AmiPs.Tests.TestSupport;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>Receive-AmiEvent through the real PowerShell engine, against scripted AMI peers on loopback.</summary>
    public sealed class EventCmdletTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly ScriptedAmiServer _other = new ScriptedAmiServer();
        private readonly PsHost _ps = new PsHost();
        private readonly AmiSession _session;

        public EventCmdletTests()
        {
            _ps.SetVariable("port", _server.Port);
            _ps.SetVariable("port2", _other.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential("admin", _server.Secret));
            _session = _ps.Run("$a = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name pbx-a; $a").ThrowIfErrors().Single<AmiSession>();
        }

        [Fact]
        public async Task Events_stream_live_and_Ctrl_C_stops_the_stream()
        {
            using var ps = Pipeline("Receive-AmiEvent -EventType UserEvent");
            var output = new PSDataCollection<PSObject>();
            var running = ps.BeginInvoke<PSObject, PSObject>(null, output);
            await Eventually.WaitUntilAsync(() => _session.GetStatus().Subscribers == 1, Deadline, "subscribed");

            await SendUserEventsAsync(_server, 1, 3);
            await Eventually.WaitUntilAsync(() => output.Count == 3, Deadline, "three events written");

            ps.Stop(); // returns once the pipeline has stopped: a stream that ignored Ctrl+C would hang here
            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Equal(new[] { "1", "2", "3" }, output.Select(o => ((AmiEvent)o.BaseObject)["N"]));
            await Eventually.WaitUntilAsync(() => _session.GetStatus().Subscribers == 0, Deadline, "the subscription is released");
        }

        [Fact]
        public async Task Since_replays_history_then_continues_live_without_gap_or_duplicate()
        {
            const int Total = 60;
            await SendUserEventsAsync(_server, 1, 20);
            await Eventually.WaitUntilAsync(() => _session.GetEventHistory().Count(e => e.Event == "UserEvent") == 20, Deadline, "history filled");

            // The rest arrives while the cmdlet starts: some land in history before it subscribes, some after.
            var sender = Task.Run(() => SendUserEventsAsync(_server, 21, Total));
            var result = _ps.Run($"Receive-AmiEvent -Since ([DateTimeOffset]::Now.AddMinutes(-5)) -EventType UserEvent -First {Total} -Timeout 10 | ForEach-Object N").ThrowIfErrors();
            await sender;

            Assert.Equal(Enumerable.Range(1, Total).Select(i => i.ToString()), result.Output.Select(o => (string)o.BaseObject));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public async Task First_and_EventType_select_events_and_each_names_its_session()
        {
            await SendUserEventsAsync(_server, 1, 2);
            await _server.LastPeer!.SendAsync(null, ("Event", "Hangup"), ("Privilege", "call,all"), ("Channel", "PJSIP/9"), ("Cause", "17"), ("Cause-txt", "User busy"));
            await Eventually.WaitUntilAsync(() => _session.EventsReceived >= 4, Deadline, "events received");

            var result = _ps.Run("Receive-AmiEvent -Since ([DateTimeOffset]::MinValue) -EventType hangup, USEREVENT -First 3 | ForEach-Object { '{0} {1} {2}' -f $_.Session, $_.Event, $_.'Cause-txt' }").ThrowIfErrors();

            Assert.Equal(new[] { "pbx-a UserEvent ", "pbx-a UserEvent ", "pbx-a Hangup User busy" }, result.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public async Task Several_sessions_are_merged_and_each_event_says_its_session()
        {
            var second = _ps.Run("$b = Connect-Ami 127.0.0.1 -Port $port2 -Credential $cred -Name pbx-b; $b").ThrowIfErrors().Single<AmiSession>();
            using var ps = Pipeline("Receive-AmiEvent -Session $a, $b -EventType UserEvent -First 4 | ForEach-Object { $_.Session + ':' + $_.N }");
            var running = ps.BeginInvoke();
            await Eventually.WaitUntilAsync(() => _session.GetStatus().Subscribers == 1 && second.GetStatus().Subscribers == 1, Deadline, "both subscribed");

            await SendUserEventsAsync(_server, 1, 2);
            await SendUserEventsAsync(_other, 1, 2);
            var output = await Task.Factory.FromAsync(running, ps.EndInvoke).WaitAsync(Deadline);

            Assert.Equal(new[] { "pbx-a:1", "pbx-a:2", "pbx-b:1", "pbx-b:2" }, output.Select(o => (string)o.BaseObject).OrderBy(s => s, StringComparer.Ordinal));
            Assert.False(ps.HadErrors);
        }

        [Fact]
        public async Task A_merged_stream_goes_on_when_one_of_its_sessions_closes()
        {
            var second = _ps.Run("$b = Connect-Ami 127.0.0.1 -Port $port2 -Credential $cred -Name pbx-b; $b").ThrowIfErrors().Single<AmiSession>();
            using var ps = Pipeline("Receive-AmiEvent -Session $a, $b -EventType UserEvent -First 2 -Timeout 10 | ForEach-Object { $_.Session + ':' + $_.N }");
            var running = ps.BeginInvoke();
            await Eventually.WaitUntilAsync(() => _session.GetStatus().Subscribers == 1 && second.GetStatus().Subscribers == 1, Deadline, "both subscribed");

            await SendUserEventsAsync(_other, 1, 1);
            await Eventually.WaitUntilAsync(() => second.EventsReceived >= 2, Deadline, "pbx-b's event received");
            await second.DisconnectAsync(); // its stream ends; the merged one waits on pbx-a alone
            await SendUserEventsAsync(_server, 1, 1);
            var output = await Task.Factory.FromAsync(running, ps.EndInvoke).WaitAsync(Deadline);

            Assert.Equal(new[] { "pbx-a:1", "pbx-b:1" }, output.Select(o => (string)o.BaseObject).OrderBy(x => x, StringComparer.Ordinal));
        }

        [Fact]
        public async Task Timeout_ends_a_busy_stream_without_an_error()
        {
            using var stop = new CancellationTokenSource();
            var peer = _server.LastPeer!;
            var flood = Task.Run(async () =>
            {
                for (var i = 1; !stop.IsCancellationRequested && i < 100_000; i++)
                {
                    await peer.SendAsync(null, ("Event", "UserEvent"), ("Privilege", "user,all"), ("N", i.ToString()));
                    await Task.Delay(2);
                }
            });

            var watch = Stopwatch.StartNew();
            var result = _ps.Run("$n = 0; Receive-AmiEvent -EventType UserEvent -Timeout 0.5 | ForEach-Object { $n++ }; $n");
            watch.Stop();
            stop.Cancel();
            await flood;

            Assert.False(result.HadErrors, result.ToString());
            Assert.True((int)result.Output.Single().BaseObject > 0, "events were streamed until the timeout");
            Assert.True(watch.Elapsed.TotalSeconds >= 0.45, "the stream lasted until the timeout"); // it ended, or Run would not return
        }

        [Fact]
        public async Task Drops_are_counted_warned_about_and_shown_in_Get_AmiStatus()
        {
            await SendUserEventsAsync(_server, 1, 10);
            await Eventually.WaitUntilAsync(() => _session.GetEventHistory().Count(e => e.Event == "UserEvent") == 10, Deadline, "history filled");

            // Replaying ten events into a queue of two drops the eight oldest.
            var result = _ps.Run("Receive-AmiEvent -Since ([DateTimeOffset]::MinValue) -EventType UserEvent -BufferSize 2 -First 2 | ForEach-Object N; (Get-AmiStatus).EventsDropped").ThrowIfErrors();

            Assert.Equal(new object[] { "9", "10", 8L }, result.Output.Select(o => o.BaseObject));
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("8 events were dropped", warning);
            Assert.Contains("EventsDropped", warning);
        }

        [Fact]
        public void EventType_completes_known_event_names()
        {
            var result = _ps.Run("$line = 'Receive-AmiEvent -EventType Hangu'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText").ThrowIfErrors();

            Assert.Equal(new[] { "Hangup", "HangupRequest" }, result.Output.Select(o => (string)o.BaseObject).OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void A_closed_session_ends_the_stream_without_an_error()
        {
            var result = _ps.Run("$a | Disconnect-Ami; @(Receive-AmiEvent -Session $a -Timeout 5).Count").ThrowIfErrors();

            Assert.Equal(0, result.Output.Single().BaseObject);
        }

        [Fact]
        public async Task EventHistorySize_zero_turns_history_off_and_Since_then_only_goes_live()
        {
            var quiet = _ps.Run("$q = Connect-Ami 127.0.0.1 -Port $port2 -Credential $cred -Name quiet -EventHistorySize 0; $q").ThrowIfErrors().Single<AmiSession>();
            await SendUserEventsAsync(_other, 1, 3);
            await Eventually.WaitUntilAsync(() => quiet.EventsReceived >= 4, Deadline, "events received");

            var result = _ps.Run("@(Receive-AmiEvent -Session $q -Since ([DateTimeOffset]::MinValue) -Timeout 0.2).Count; (Get-AmiSession quiet).Options.EventHistorySize").ThrowIfErrors();

            Assert.Empty(quiet.GetEventHistory());
            Assert.Equal(new object[] { 0, 0 }, result.Output.Select(o => o.BaseObject));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _server.Dispose();
            _other.Dispose();
        }

        private static async Task SendUserEventsAsync(ScriptedAmiServer server, int from, int to)
        {
            var peer = server.LastPeer!;
            for (var i = from; i <= to; i++)
            {
                await peer.SendAsync(null, ("Event", "UserEvent"), ("Privilege", "user,all"), ("UserEvent", "test"), ("N", i.ToString()));
            }
        }

        private PowerShell Pipeline(string script)
        {
            var ps = PowerShell.Create();
            ps.Runspace = _ps.Runspace;
            ps.AddScript(script);
            return ps;
        }
    }
}
