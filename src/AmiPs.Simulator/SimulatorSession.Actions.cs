using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Simulator
{
    /// <summary>The actions the simulator answers, with Asterisk's texts and permission classes.</summary>
    internal sealed partial class SimulatorSession
    {
        /// <summary>Write classes an action needs (any one of them), as registered in Asterisk; 0 for everybody.</summary>
        private static readonly Dictionary<string, AmiClasses> Authority = new Dictionary<string, AmiClasses>(StringComparer.OrdinalIgnoreCase)
        {
            ["Login"] = AmiClasses.None,
            ["Logoff"] = AmiClasses.None,
            ["Challenge"] = AmiClasses.None,
            ["Ping"] = AmiClasses.None,
            ["Events"] = AmiClasses.None,
            ["Command"] = AmiClasses.Command,
            ["CoreShowChannels"] = AmiClasses.System | AmiClasses.Reporting,
            ["Status"] = AmiClasses.System | AmiClasses.Call | AmiClasses.Reporting,
            ["ExtensionStateList"] = AmiClasses.Call | AmiClasses.Reporting,
            ["ExtensionState"] = AmiClasses.Call | AmiClasses.Reporting,
            ["Originate"] = AmiClasses.Originate,
            ["Hangup"] = AmiClasses.System | AmiClasses.Call,
            ["QueueStatus"] = AmiClasses.None,
            ["QueueSummary"] = AmiClasses.None,
            ["QueuePause"] = AmiClasses.Agent,
            ["QueueAdd"] = AmiClasses.Agent,
            ["QueueRemove"] = AmiClasses.Agent,
            ["QueuePenalty"] = AmiClasses.Agent,
        };

        private string? _challenge;

        /// <summary>The action's name as this server spells it, or null when it has no such action (app_queue's without the module).</summary>
        private string? CoreActionName(string name)
        {
            var canonical = Authority.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
            return canonical is not null && !_server.Options.QueueModule && canonical.StartsWith("Queue", StringComparison.Ordinal) ? null : canonical;
        }

        private async Task HandleAsync(AmiMessage action)
        {
            if (_server.Faults.StopAnswering)
            {
                return; // half-open: the action is read and never answered
            }

            var name = action["Action"] ?? string.Empty;
            var canonical = CoreActionName(name) ?? PbxActionName(name);
            if (!_loggedIn && canonical is not ("Login" or "Logoff" or "Challenge"))
            {
                Respond(action, "Error", ("Message", "Permission denied"));
                return;
            }

            if (canonical is null)
            {
                Respond(action, "Error", ("Message", $"Invalid/unknown command: {name}. Use Action: ListCommands to show available commands."));
                return;
            }

            var needs = Authority.TryGetValue(canonical, out var classes) ? classes : PbxAuthorityOf(canonical);
            if (needs != AmiClasses.None && (AmiClassText.Parse(User?.Write) & needs) == 0)
            {
                Respond(action, "Error", ("Message", "Permission denied"));
                return;
            }

            switch (canonical)
            {
                case "Login":
                    await LoginAsync(action).ConfigureAwait(false);
                    break;
                case "Logoff":
                    Send(Message(action, "Goodbye", ("Message", "Thanks for all the fish.")), closeAfter: true);
                    break;
                case "Challenge":
                    Challenge(action);
                    break;
                case "Ping":
                    Respond(action, "Success", ("Ping", "Pong"), ("Timestamp", SimEvent.Timestamp(DateTimeOffset.UtcNow)));
                    break;
                case "Events":
                    EventsAction(action);
                    break;
                case "Command":
                    CommandAction(action);
                    break;
                case "CoreShowChannels":
                    CoreShowChannels(action);
                    break;
                case "Status":
                    StatusAction(action);
                    break;
                case "ExtensionStateList":
                    ExtensionStateList(action);
                    break;
                case "ExtensionState":
                    ExtensionStateAction(action);
                    break;
                case "Originate":
                    await OriginateAsync(action).ConfigureAwait(false);
                    break;
                case "Hangup":
                    HangupAction(action);
                    break;
                case "QueueStatus":
                    QueueStatusAction(action);
                    break;
                case "QueueSummary":
                    QueueSummaryAction(action);
                    break;
                case "QueuePause":
                    QueuePauseAction(action);
                    break;
                case "QueueAdd":
                    QueueAddAction(action);
                    break;
                case "QueueRemove":
                    QueueRemoveAction(action);
                    break;
                case "QueuePenalty":
                    QueuePenaltyAction(action);
                    break;
                default:
                    HandlePbxAction(canonical, action); // SIP and server information: SimulatorSession.Pjsip.cs
                    break;
            }
        }

        /// <summary><c>Response</c>, <c>ActionID</c> (only when the action had one), then the fields.</summary>
        private static AmiField[] Message(AmiMessage action, string response, params (string Key, string Value)[] fields)
        {
            var list = new List<AmiField>(fields.Length + 2) { new AmiField("Response", response) };
            if (action.ActionId is { } id)
            {
                list.Add(new AmiField("ActionID", id));
            }

            list.AddRange(fields.Select(f => new AmiField(f.Key, f.Value)));
            return list.ToArray();
        }

        private void Respond(AmiMessage action, string response, params (string Key, string Value)[] fields) => Send(Message(action, response, fields));

        private async Task LoginAsync(AmiMessage action)
        {
            if (_loggedIn)
            {
                Respond(action, "Success", ("Message", "Already authenticated"));
                return;
            }

            var userName = action["Username"] ?? string.Empty;
            var user = Options.Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));
            if (user is null || !SecretMatches(action, user))
            {
                _server.Logger.LogInformation(SimulatorLogEvents.LoginFailed, "Session {Session}: login failed for '{User}'", Id, userName);
                await Task.Delay(Options.AuthFailureDelay, _closed.Token).ConfigureAwait(false);
                Send(Message(action, "Error", ("Message", "Authentication failed")), closeAfter: true);
                return;
            }

            User = user;
            var read = AmiClassText.Parse(user.Read);
            EventMask = read & (AmiClassText.ParseEventMask(action["Events"]) ?? AmiClasses.All);
            lock (_liveGate)
            {
                // Logged in and answered in one step: no live event can slip in before the reply, and once the client
                // has the reply the session already counts as logged in (for Flood).
                _loggedIn = true;
                Respond(action, "Success", ("Message", "Authentication accepted"));
            }

            if (Reads(AmiClasses.System))
            {
                var uptime = ((int)(DateTimeOffset.UtcNow - _server.Started).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                // FullyBooted goes to the new session only, without Timestamp, as Asterisk sends it.
                Send(AmiMessageWriter.ToBytes(new[]
                {
                    new AmiField("Event", "FullyBooted"), new AmiField("Privilege", "system,all"),
                    new AmiField("Uptime", uptime), new AmiField("LastReload", uptime), new AmiField("Status", "Fully Booted"),
                }), events: 1);
            }

            _server.Broadcast(SuccessfulAuth(user));
        }

        private bool SecretMatches(AmiMessage action, AmiSimulatorUser user)
        {
            if (string.Equals(action["AuthType"], "MD5", StringComparison.OrdinalIgnoreCase))
            {
                // Key = lowercase hex md5(challenge + secret); uppercase hex fails, as in Asterisk.
                return _challenge is not null && string.Equals(action["Key"], Md5Hex(_challenge + user.Secret), StringComparison.Ordinal);
            }

            return string.Equals(action["Secret"], user.Secret, StringComparison.Ordinal);
        }

        internal static string Md5Hex(string text)
        {
            using var md5 = MD5.Create();
            var hash = md5.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        private SimEvent SuccessfulAuth(AmiSimulatorUser user)
        {
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
            var transport = Options.Certificate is null ? "TCP" : "TLS";
            return new SimEvent("SuccessfulAuth", AmiClasses.Security)
                .Add("EventTV", now)
                .Add("Severity", "Informational")
                .Add("Service", "AMI")
                .Add("EventVersion", "1")
                .Add("AccountID", user.UserName)
                .Add("SessionID", "0x" + (0x7f5c00000000L + Id * 0x1000L).ToString("x", CultureInfo.InvariantCulture))
                .Add("LocalAddress", $"IPV4/{transport}/{LocalEndPoint.Address}/{LocalEndPoint.Port}")
                .Add("RemoteAddress", $"IPV4/{transport}/{RemoteEndPoint.Address}/{RemoteEndPoint.Port}")
                .Add("UsingPassword", "0") // Asterisk reports 0 for both plain and MD5 logins
                .Add("SessionTV", now);
        }

        private void Challenge(AmiMessage action)
        {
            if (!string.Equals(action["AuthType"], "MD5", StringComparison.OrdinalIgnoreCase))
            {
                Respond(action, "Error", ("Message", "Must specify AuthType"));
                return;
            }

            _challenge ??= RandomChallenge();
            Respond(action, "Success", ("Challenge", _challenge));
        }

        private static string RandomChallenge()
        {
            var bytes = new byte[4];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            return (BitConverter.ToUInt32(bytes, 0) & 0x7fffffff).ToString(CultureInfo.InvariantCulture);
        }

        private void EventsAction(AmiMessage action)
        {
            var mask = AmiClassText.ParseEventMask(action["EventMask"]) ?? AmiClasses.None;
            EventMask = mask & AmiClassText.Parse(User?.Read);
            Respond(action, "Success", ("Events", EventMask == AmiClasses.None ? "Off" : "On"));
        }

        private void CommandAction(AmiMessage action)
        {
            var output = CliCommands.Run(_server, action["Command"] ?? string.Empty, out var known);
            var fields = new List<(string, string)> { ("Message", "Command output follows") };
            fields.AddRange(output.Select(line => ("Output", line)));
            Respond(action, known ? "Success" : "Error", fields.ToArray());
        }

        private void HangupAction(AmiMessage action)
        {
            var channel = action["Channel"];
            if (string.IsNullOrEmpty(channel))
            {
                Respond(action, "Error", ("Message", "No channel specified"));
                return;
            }

            var cause = int.TryParse(action["Cause"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 16;
            if (_server.Pbx.Hangup(channel!, cause))
            {
                Respond(action, "Success", ("Message", "Channel Hungup"));
            }
            else
            {
                Respond(action, "Error", ("Message", "No such channel"));
            }
        }
    }
}
