using System;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Protocol;

namespace AmiPs.Simulator
{
    /// <summary>
    /// Originate: the channel to call (<c>Local/2000@office</c>, or any <c>Tech/exten</c>) becomes a simulated call.
    /// <c>Async: true</c> answers at once and reports the outcome in <c>OriginateResponse</c>; without it the session waits
    /// for the outcome, as Asterisk blocks. A <c>Variable: SIMULATOR_OUTCOME=Busy</c> picks the outcome; otherwise the
    /// dialled extension's default decides.
    /// </summary>
    internal sealed partial class SimulatorSession
    {
        private async Task OriginateAsync(AmiMessage action)
        {
            var channel = action["Channel"];
            if (string.IsNullOrEmpty(channel))
            {
                Respond(action, "Error", ("Message", "Channel not specified"));
                return;
            }

            var application = action["Application"];
            var exten = action["Exten"];
            if (string.IsNullOrEmpty(application) && string.IsNullOrEmpty(exten))
            {
                Respond(action, "Error", ("Message", "Exten not specified"));
                return;
            }

            var (target, context) = ParseChannel(channel!);
            if (target.Length == 0)
            {
                Respond(action, "Error", ("Message", "Invalid channel"));
                return;
            }

            var async = IsTrue(action["Async"]);
            var (number, name) = ParseCallerId(action["CallerID"]);
            var originate = new OriginateInfo(action.ActionId, channel!, string.IsNullOrEmpty(application) ? null : application, action["Data"],
                action["Context"], exten, action["Priority"], async);
            var request = new CallRequest(number, name, target, context, OutcomeOf(action) ?? _server.Pbx.OutcomeFor(target), Options.TalkTime)
            {
                Originate = originate,
                ChannelId = Empty(action["ChannelId"]),
                OtherChannelId = Empty(action["OtherChannelId"]),
            };

            if (async)
            {
                Respond(action, "Success", ("Message", "Originate successfully queued"));
                _server.Pbx.StartCall(request);
                return;
            }

            _server.Pbx.StartCall(request);
            if (await originate.Result.Task.ConfigureAwait(false))
            {
                Respond(action, "Success", ("Message", "Originate successfully queued"));
            }
            else
            {
                Respond(action, "Error", ("Message", "Originate failed"));
            }
        }

        /// <summary><c>Local/2000@office[/n]</c> gives 2000 in office; <c>PJSIP/1001</c> gives 1001 in the default context.</summary>
        internal static (string Exten, string Context) ParseChannel(string channel)
        {
            var slash = channel.IndexOf('/');
            var rest = slash < 0 ? channel : channel.Substring(slash + 1);
            var option = rest.IndexOf('/');
            if (option >= 0)
            {
                rest = rest.Substring(0, option);
            }

            var at = rest.IndexOf('@');
            return at < 0 ? (rest.Trim(), SimulatedPbx.DefaultContext) : (rest.Substring(0, at).Trim(), rest.Substring(at + 1).Trim());
        }

        /// <summary><c>"Alice" &lt;5551234&gt;</c>, <c>Alice &lt;5551234&gt;</c> or a bare number.</summary>
        internal static (string Number, string? Name) ParseCallerId(string? callerId)
        {
            if (string.IsNullOrWhiteSpace(callerId))
            {
                return (string.Empty, null);
            }

            var text = callerId!.Trim();
            var open = text.LastIndexOf('<');
            var close = text.LastIndexOf('>');
            if (open < 0 || close < open)
            {
                return (text, null);
            }

            var number = text.Substring(open + 1, close - open - 1).Trim();
            var name = text.Substring(0, open).Trim().Trim('"').Trim();
            return (number, name.Length == 0 ? null : name);
        }

        private static SimulatedOutcome? OutcomeOf(AmiMessage action)
        {
            foreach (var variables in action.GetValues("Variable"))
            {
                foreach (var pair in variables.Split(','))
                {
                    var eq = pair.IndexOf('=');
                    if (eq > 0 && pair.Substring(0, eq).Trim().Equals("SIMULATOR_OUTCOME", StringComparison.OrdinalIgnoreCase)
                        && Enum.TryParse<SimulatedOutcome>(pair.Substring(eq + 1).Trim(), ignoreCase: true, out var outcome))
                    {
                        return outcome;
                    }
                }
            }

            return null;
        }

        private static bool IsTrue(string? value) =>
            value is not null && new[] { "true", "yes", "1", "on", "y", "t" }.Any(v => v.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));

        private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
