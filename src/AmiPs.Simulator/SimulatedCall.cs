using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;

namespace AmiPs.Simulator
{
    /// <summary>
    /// One call through the simulated PBX, shaped as the recorded ones: an outer Local channel pair (<c>;1</c> the
    /// originated caller side, <c>;2</c> running <c>Dial</c>) and an inner pair (<c>;1</c> the dialled leg, <c>;2</c> the callee's
    /// dialplan). This file holds the state and the event builders; the scripts per outcome are in SimulatedCall.Script.cs.
    /// </summary>
    internal sealed partial class SimulatedCall
    {
        private readonly SimulatedPbx _pbx;
        private readonly CallRequest _request;
        private readonly SimulatedRoute _route;
        private readonly CancellationToken _stop;
        private readonly CancellationTokenSource _hangup = new CancellationTokenSource();
        private readonly SimulatedChannel _outer1;
        private readonly SimulatedChannel _outer2;
        private readonly SimulatedExtension? _hinted;
        private SimulatedChannel? _inner1;
        private SimulatedChannel? _inner2;
        private int _hangupCause = 16;

        public SimulatedCall(SimulatedPbx pbx, CallRequest request, SimulatedRoute route, CancellationToken stop)
        {
            _pbx = pbx;
            _request = request;
            _route = route;
            _stop = stop;
            _hinted = pbx.FindExtension(route.Target);
            var suffix = pbx.NextLocalSuffix();
            var uniqueid = request.ChannelId ?? pbx.NextUniqueid();
            Linkedid = uniqueid;
            var name = $"Local/{request.To}@{request.Context}-{suffix}";
            _outer1 = new SimulatedChannel(name + ";1", uniqueid, Linkedid, request.Context, request.To, 0) { Call = this };
            _outer2 = new SimulatedChannel(name + ";2", request.OtherChannelId ?? pbx.NextUniqueid(), Linkedid, request.Context, request.To, 4) { Call = this };
        }

        public string Linkedid { get; }

        private AmiSimulatorOptions Options => _pbx.Options;

        private string Target => _route.Target;

        private string Context => _request.Context;

        public void Start() => _ = RunAsync();

        /// <summary>Ends the call early (the Hangup action): an answered call clears normally, a ringing one as if the caller gave up.</summary>
        public void RequestHangup(int cause)
        {
            _hangupCause = cause;

            // Cancel off the caller's thread: the script's continuation would otherwise run the whole hang-up inline,
            // inside the session that sent the Hangup action.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    _hangup.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // the call already ended
                }
            });
        }

        private async Task RunAsync()
        {
            try
            {
                await Task.Yield();
                await ScriptAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the simulator stopped: no more events
                _request.Originate?.Result.TrySetResult(false);
            }
            finally
            {
                foreach (var channel in new[] { _outer1, _outer2, _inner1, _inner2 })
                {
                    if (channel is not null)
                    {
                        _pbx.RemoveChannel(channel);
                    }
                }

                _pbx.CallEnded(this);
                _hangup.Dispose();
            }
        }

        /// <summary>Waits a phase gap; true when a hang-up was requested meanwhile (or already).</summary>
        private async Task<bool> PauseAsync(TimeSpan delay)
        {
            _stop.ThrowIfCancellationRequested();
            if (_hangup.IsCancellationRequested)
            {
                return true;
            }

            if (delay <= TimeSpan.Zero)
            {
                return false;
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop, _hangup.Token);
            try
            {
                await Task.Delay(delay, both.Token).ConfigureAwait(false);
                return false;
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                return true;
            }
        }

        private Task<bool> StepAsync() => PauseAsync(Options.StepDelay);

        private void Raise(SimEvent e)
        {
            _stop.ThrowIfCancellationRequested();
            _pbx.Raise(e);
        }

        private static SimEvent Call(string name) => new SimEvent(name, AmiClasses.Call);

        private void Newchannel(SimulatedChannel channel)
        {
            _pbx.AddChannel(channel);
            Raise(Call("Newchannel").AddChannel(channel));
        }

        private void Newexten(SimulatedChannel channel, int priority, string application, string data)
        {
            channel.Priority = priority;
            channel.Application = application;
            channel.ApplicationData = data;
            Raise(new SimEvent("Newexten", AmiClasses.Dialplan).AddChannel(channel)
                .Add("Extension", channel.Exten)
                .Add("Application", application)
                .Add("AppData", data));
        }

        private void VarSet(SimulatedChannel channel, string variable, string value) =>
            Raise(new SimEvent("VarSet", AmiClasses.Dialplan).AddChannel(channel).Add("Variable", variable).Add("Value", value));

        private void NewCallerid(SimulatedChannel channel, string number, string name)
        {
            channel.CallerIDNum = number;
            channel.CallerIDName = name;
            Raise(Call("NewCallerid").AddChannel(channel).Add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        }

        private void NewConnectedLine(SimulatedChannel channel, string number, string name)
        {
            channel.ConnectedLineNum = number;
            channel.ConnectedLineName = name;
            Raise(Call("NewConnectedLine").AddChannel(channel));
        }

        private void Newstate(SimulatedChannel channel, int state)
        {
            channel.State = state;
            Raise(Call("Newstate").AddChannel(channel));
        }

        private void LocalBridge(SimulatedChannel one, SimulatedChannel two, string exten) =>
            Raise(Call("LocalBridge").AddChannel(one, "LocalOne").AddChannel(two, "LocalTwo")
                .Add("Context", Context)
                .Add("Exten", exten)
                .Add("LocalOptimization", "Yes"));

        /// <summary>The dial an Originate makes has no caller block.</summary>
        private void DialBegin(SimulatedChannel? caller, SimulatedChannel dest, string dialString)
        {
            var e = Call("DialBegin");
            if (caller is not null)
            {
                e.AddChannel(caller);
            }

            Raise(e.AddChannel(dest, "Dest").Add("DialString", dialString));
        }

        private void DialEnd(SimulatedChannel? caller, SimulatedChannel dest, string status)
        {
            var e = Call("DialEnd");
            if (caller is not null)
            {
                e.AddChannel(caller);
            }

            Raise(e.AddChannel(dest, "Dest").Add("DialStatus", status));
        }

        private void HangupRequest(SimulatedChannel channel, int cause, bool soft = false) =>
            Raise(Call(soft ? "SoftHangupRequest" : "HangupRequest").AddChannel(channel).Add("Cause", cause));

        private void Hangup(SimulatedChannel channel, int cause)
        {
            Raise(Call("Hangup").AddChannel(channel).Add("Cause", cause).Add("Cause-txt", AmiStateText.DescribeHangupCause(cause) ?? "Unknown"));
            _pbx.RemoveChannel(channel);
        }

        /// <summary>The callee's <c>Set(DEVICE_STATE(Custom:...)=...)</c> step; the hint's ExtensionStatus follows at once unless <paramref name="later"/>.</summary>
        private void SetDeviceState(SimulatedChannel channel, int priority, int status, bool later = false)
        {
            if (_hinted is null)
            {
                return;
            }

            Newexten(channel, priority, "Set", $"DEVICE_STATE({_hinted.Hint})={AmiStateNames.DeviceState(status)}");
            if (!later)
            {
                _pbx.ChangeExtensionState(_hinted.Exten, status);
            }
        }

        private void ExtensionState(int status)
        {
            if (_hinted is not null)
            {
                _pbx.ChangeExtensionState(_hinted.Exten, status);
            }
        }

        private SimEvent Bridge(string name, string bridgeId, int channels) => Call(name)
            .Add("BridgeUniqueid", bridgeId)
            .Add("BridgeType", "basic")
            .Add("BridgeTechnology", "simple_bridge")
            .Add("BridgeCreator", "<unknown>")
            .Add("BridgeName", "<unknown>")
            .Add("BridgeNumChannels", channels)
            .Add("BridgeVideoSourceMode", "none");

        /// <summary><c>OriginateResponse</c> for a call an Originate made (names unescaped, as Asterisk sends them).</summary>
        private void OriginateResponse(bool answered, int reason)
        {
            var originate = _request.Originate;
            if (originate is null)
            {
                return;
            }

            if (originate.Async)
            {
                var e = Call("OriginateResponse");
                if (originate.ActionId is not null)
                {
                    e.Add("ActionID", originate.ActionId);
                }

                e.Add("Response", answered ? "Success" : "Failure")
                    .Add("Channel", answered ? _outer1.Name : originate.Channel);
                if (originate.Application is not null)
                {
                    e.Add("Application", originate.Application).Add("Data", originate.Data ?? string.Empty);
                }
                else
                {
                    e.Add("Context", originate.Context ?? string.Empty).Add("Exten", originate.Exten ?? string.Empty);
                }

                Raise(e.Add("Reason", reason)
                    .Add("Uniqueid", answered ? _outer1.Uniqueid : "<unknown>")
                    .Add("CallerIDNum", SimulatedChannel.Known(_request.From))
                    .Add("CallerIDName", SimulatedChannel.Known(_request.CallerName ?? string.Empty)));
            }

            originate.Result.TrySetResult(answered);
        }
    }
}
