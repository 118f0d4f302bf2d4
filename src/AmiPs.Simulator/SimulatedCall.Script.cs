using System;
using System.Globalization;
using System.Threading.Tasks;

namespace AmiPs.Simulator
{
    /// <summary>The event sequences, phase by phase, in the order real Asterisk sent them for the recorded calls.</summary>
    internal sealed partial class SimulatedCall
    {
        private async Task ScriptAsync()
        {
            var from = _request.From;
            var name = _request.CallerName ?? string.Empty;
            var outer = _request.To;

            // Originate creates the outer Local pair; ;2 runs the dialplan (Dial), ;1 is the side that gets "answered".
            Newchannel(_outer1);
            Newchannel(_outer2);
            _outer1.Exten = outer;
            Newexten(_outer1, 1, "AppDial2", "(Outgoing Line)");
            NewCallerid(_outer1, from, name);
            NewConnectedLine(_outer1, from, name);
            _outer2.ConnectedLineNum = from; // the ;2 half gets both at once, as the recording shows
            _outer2.ConnectedLineName = name;
            NewCallerid(_outer2, from, name);
            NewConnectedLine(_outer2, from, name);
            LocalBridge(_outer1, _outer2, outer);
            DialBegin(null, _outer1, $"{outer}@{Context}");
            Newexten(_outer2, 1, "Dial", $"Local/{Target}@{Context},{_route.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
            foreach (var variable in new[] { "DIALSTATUS", "DIALEDPEERNUMBER", "DIALEDPEERNAME", "ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "RINGTIME", "RINGTIME_MS", "PROGRESSTIME", "PROGRESSTIME_MS" })
            {
                VarSet(_outer2, variable, string.Empty);
            }

            if (await StepAsync().ConfigureAwait(false))
            {
                await CallerHangupAsync(ringing: false).ConfigureAwait(false);
                return;
            }

            // Dial creates the inner Local pair towards the target extension.
            var innerName = $"Local/{Target}@{Context}-{_pbx.NextLocalSuffix()}";
            _inner1 = new SimulatedChannel(innerName + ";1", _pbx.NextUniqueid(), Linkedid, Context, Target, 0) { Call = this };
            _inner2 = new SimulatedChannel(innerName + ";2", _pbx.NextUniqueid(), Linkedid, Context, Target, 4) { Call = this };
            Newchannel(_inner1);
            Newchannel(_inner2);
            VarSet(_inner1, "DIALEDPEERNUMBER", $"{Target}@{Context}");
            _inner1.CallerIDNum = outer;
            _inner1.CallerIDName = name;
            _inner1.ConnectedLineNum = from;
            _inner1.ConnectedLineName = name;
            _inner1.Exten = outer;
            Newexten(_inner1, 1, "AppDial", "(Outgoing Line)");
            NewCallerid(_inner1, outer, name);
            NewConnectedLine(_inner1, from, name);
            VarSet(_inner2, "DIALEDPEERNUMBER", $"{Target}@{Context}");
            _inner2.ConnectedLineNum = outer;
            _inner2.ConnectedLineName = name;
            NewCallerid(_inner2, from, name);
            NewConnectedLine(_inner2, outer, name);
            LocalBridge(_inner1, _inner2, Target);

            switch (_request.Outcome)
            {
                case SimulatedOutcome.Answered:
                    await AnsweredAsync().ConfigureAwait(false);
                    break;
                case SimulatedOutcome.Busy:
                    await BusyAsync().ConfigureAwait(false);
                    break;
                case SimulatedOutcome.NoAnswer:
                    await NoAnswerAsync().ConfigureAwait(false);
                    break;
                default:
                    await RingAsync().ConfigureAwait(false);
                    await CallerHangupAsync(ringing: true).ConfigureAwait(false);
                    break;
            }
        }

        /// <summary>basic-call.ami: the callee's dialplan sets INUSE, answers, talks, sets NOT_INUSE and hangs up (16).</summary>
        private async Task AnsweredAsync()
        {
            var inner1 = _inner1!;
            var inner2 = _inner2!;
            DialBegin(_outer2, inner1, $"{Target}@{Context}");
            SetDeviceState(inner2, 1, 1, later: true); // Asterisk reported InUse only once the callee answered
            if (await PauseAsync(Options.RingTime).ConfigureAwait(false))
            {
                await CallerHangupAsync(ringing: true).ConfigureAwait(false);
                return;
            }

            var dialed = DateTimeOffset.UtcNow;
            inner2.Exten = Target;
            Newexten(inner2, 2, "Answer", string.Empty);
            Newstate(inner2, 6);
            Newstate(inner1, 6);
            ExtensionState(1);
            VarSet(_outer2, "DIALSTATUS", "ANSWER");
            VarSet(_outer2, "DIALEDPEERNAME", inner1.Name);
            VarSet(_outer2, "DIALEDPEERNUMBER", $"{Target}@{Context}");
            inner1.Exten = string.Empty;
            DialEnd(_outer2, inner1, "ANSWER");
            Newstate(_outer2, 6);
            Newstate(_outer1, 6);
            DialEnd(null, _outer1, "ANSWER");
            if (_request.Originate is { Application: { } application } originate)
            {
                _outer1.Application = application;
                _outer1.ApplicationData = originate.Data ?? string.Empty;
            }

            OriginateResponse(answered: true, reason: 4);

            var bridgeId = Guid.NewGuid().ToString();
            Raise(Bridge("BridgeCreate", bridgeId, 0));
            Newexten(inner1, 1, "AppDial", "(Outgoing Line)");
            inner1.BridgeId = bridgeId;
            _outer2.BridgeId = bridgeId;
            Raise(Bridge("BridgeEnter", bridgeId, 1).AddChannel(inner1));
            Raise(Bridge("BridgeEnter", bridgeId, 2).AddChannel(_outer2));
            VarSet(inner1, "BRIDGEPEER", _outer2.Name);
            VarSet(_outer2, "BRIDGEPEER", inner1.Name);
            var talk = _request.TalkTime;
            Newexten(inner2, 3, "Wait", Math.Max(1, (int)Math.Round(talk.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            var answered = DateTimeOffset.UtcNow;
            await PauseAsync(talk).ConfigureAwait(false);

            // The callee's dialplan ends (or a Hangup action cut it short): NOT_INUSE, Hangup, then both bridges legs clear.
            var cause = _hangup.IsCancellationRequested ? _hangupCause : 16;
            SetDeviceState(inner2, 4, 0);
            Newexten(inner2, 5, "Hangup", string.Empty);
            HangupRequest(inner2, cause, soft: true);
            HangupRequest(inner1, cause);
            VarSet(inner1, "BRIDGEPEER", string.Empty);
            VarSet(_outer2, "BRIDGEPEER", string.Empty);
            Hangup(inner2, cause);
            inner1.BridgeId = string.Empty;
            Raise(Bridge("BridgeLeave", bridgeId, 1).AddChannel(inner1));
            Hangup(inner1, cause);
            _outer2.BridgeId = string.Empty;
            Raise(Bridge("BridgeLeave", bridgeId, 0).AddChannel(_outer2));
            var now = DateTimeOffset.UtcNow;
            VarSet(_outer2, "ANSWEREDTIME", ((int)(now - answered).TotalSeconds).ToString(CultureInfo.InvariantCulture));
            VarSet(_outer2, "ANSWEREDTIME_MS", ((long)(now - answered).TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            VarSet(_outer2, "DIALEDTIME", ((int)(now - dialed).TotalSeconds).ToString(CultureInfo.InvariantCulture));
            VarSet(_outer2, "DIALEDTIME_MS", ((long)(now - dialed).TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            VarSet(_outer2, "DIALSTATUS", "ANSWER");
            HangupRequest(_outer2, cause, soft: true);
            VarSet(_outer1, "CHANLOCALSTATUS", "ANSWER");
            HangupRequest(_outer1, cause);
            Hangup(_outer2, cause);
            Raise(Bridge("BridgeDestroy", bridgeId, 0));
            Hangup(_outer1, cause);
        }

        /// <summary>busy-and-noanswer.ami, first call: the callee rings, then rejects with cause 17.</summary>
        private async Task BusyAsync()
        {
            var inner1 = _inner1!;
            var inner2 = _inner2!;
            SetDeviceState(inner2, 1, 8);
            Newexten(inner2, 2, "Wait", "1");
            DialBegin(_outer2, inner1, $"{Target}@{Context}");
            if (await PauseAsync(Options.RingTime).ConfigureAwait(false))
            {
                await CallerHangupAsync(ringing: true).ConfigureAwait(false);
                return;
            }

            SetDeviceState(inner2, 3, 0);
            Newexten(inner2, 4, "Hangup", "17");
            HangupRequest(inner2, 16, soft: true);
            HangupRequest(inner1, 17);
            DialEnd(_outer2, inner1, "BUSY");
            VarSet(_outer2, "DIALSTATUS", "BUSY");
            Newexten(_outer2, 2, "Hangup", string.Empty);
            HangupRequest(_outer2, 16, soft: true);
            VarSet(_outer1, "CHANLOCALSTATUS", "BUSY");
            HangupRequest(_outer1, 17);
            Hangup(_outer2, 17);
            DialEnd(null, _outer1, "BUSY");
            OriginateResponse(answered: false, reason: 0);
            Hangup(_outer1, 17);
            Hangup(inner1, 17);
            Hangup(inner2, 17);
        }

        /// <summary>busy-and-noanswer.ami, second call: the callee waits, Dial gives up after its timeout.</summary>
        private async Task NoAnswerAsync()
        {
            var inner1 = _inner1!;
            var inner2 = _inner2!;
            DialBegin(_outer2, inner1, $"{Target}@{Context}");
            Newexten(inner2, 1, "Wait", "30");
            ExtensionState(8);
            if (await PauseAsync(Options.RingTime).ConfigureAwait(false))
            {
                await CallerHangupAsync(ringing: true).ConfigureAwait(false);
                return;
            }

            DialEnd(_outer2, inner1, "NOANSWER");
            HangupRequest(inner2, 0);
            Hangup(inner1, 0);
            ExtensionState(0);
            VarSet(_outer2, "DIALSTATUS", "NOANSWER");
            Newexten(_outer2, 2, "Hangup", string.Empty);
            HangupRequest(_outer2, 16, soft: true);
            VarSet(_outer1, "CHANLOCALSTATUS", "NOANSWER");
            HangupRequest(_outer1, 16);
            OriginateResponse(answered: false, reason: 0);
            HangupRequest(inner2, 16, soft: true);
            DialEnd(null, _outer1, "NOANSWER");
            Hangup(_outer2, 16);
            Hangup(inner2, 0);
            Hangup(_outer1, 16);
        }

        /// <summary>The callee rings (no fixture: the ringing half of the NOANSWER call).</summary>
        private async Task RingAsync()
        {
            DialBegin(_outer2, _inner1!, $"{Target}@{Context}");
            Newexten(_inner2!, 1, "Wait", "30");
            ExtensionState(8);
            await PauseAsync(Options.RingTime).ConfigureAwait(false);
        }

        /// <summary>The caller gives up before an answer: Dial ends with CANCEL and every leg clears normally.</summary>
        private async Task CallerHangupAsync(bool ringing)
        {
            await Task.Yield();
            var cause = 16;
            HangupRequest(_outer1, cause);
            HangupRequest(_outer2, cause, soft: true);
            if (ringing && _inner1 is not null && _inner2 is not null)
            {
                DialEnd(_outer2, _inner1, "CANCEL");
                HangupRequest(_inner1, cause);
                Hangup(_inner1, cause);
                ExtensionState(0);
                HangupRequest(_inner2, cause, soft: true);
                Hangup(_inner2, cause);
                VarSet(_outer2, "DIALSTATUS", "CANCEL");
            }

            Hangup(_outer2, cause);
            DialEnd(null, _outer1, "CANCEL");
            OriginateResponse(answered: false, reason: 1);
            Hangup(_outer1, cause);
        }
    }
}
