using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AmiPs.Protocol;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// Answers a <see cref="ScriptedAmiServer"/>'s actions with what a real Asterisk answered in a transcript: the
    /// action is looked up in <c>NAME.sent</c> by its name and arguments, and every message of <c>NAME.ami</c> with
    /// that ActionID goes back, byte for byte but for the client's ActionID. <c>ListCommands</c>, when not recorded,
    /// lists the recorded actions (what that server had). Live events (no ActionID) are sent on demand.
    /// </summary>
    public sealed class FixtureAnswers
    {
        private readonly Dictionary<string, List<AmiMessage>> _answers = new Dictionary<string, List<AmiMessage>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<AmiMessage> _live = new List<AmiMessage>();

        public FixtureAnswers(params string[] fixtures)
        {
            foreach (var fixture in fixtures)
            {
                var received = Fixtures.Messages(fixture + ".ami");
                foreach (var action in Fixtures.SentMessages(fixture + ".sent"))
                {
                    var name = action["Action"];
                    if (name is "Login" or "Logoff" || action.ActionId is not { } id)
                    {
                        continue;
                    }

                    _answers[Key(action)] = received.Where(m => m.ActionId == id).ToList();
                }

                _live.AddRange(received.Where(m => m.Kind == AmiMessageKind.Event && m.ActionId is null && m.Name is not ("FullyBooted" or "SuccessfulAuth")));
            }
        }

        /// <summary>The live events of the transcripts, in order.</summary>
        public IReadOnlyList<AmiMessage> LiveEvents => _live;

        /// <summary>Actions answered from the transcripts (as <see cref="ScriptedAmiServer.OnAction"/>).</summary>
        public async Task AnswerAsync(ServerPeer peer, AmiMessage action)
        {
            var id = action.ActionId ?? string.Empty;
            if (_answers.TryGetValue(Key(action), out var messages))
            {
                foreach (var message in messages)
                {
                    await peer.SendRawAsync(AmiMessageWriter.ToBytes(message.Select(f => f.Key == "ActionID" ? new AmiField("ActionID", id) : f))).ConfigureAwait(false);
                }
            }
            else if (string.Equals(action["Action"], "ListCommands", StringComparison.OrdinalIgnoreCase))
            {
                var fields = new List<(string, string)> { ("Response", "Success") };
                fields.AddRange(_answers.Keys.Select(k => k.Split(' ')[0]).Distinct().Select(a => (a, a + ": recorded.  (Priv: system,all)")));
                await peer.SendAsync(id, fields.ToArray()).ConfigureAwait(false);
            }
            else
            {
                await peer.SendAsync(id, ("Response", "Error"), ("Message", "Invalid/unknown command: " + action["Action"])).ConfigureAwait(false);
            }
        }

        /// <summary>Sends the transcripts' live events (those for which <paramref name="where"/> holds), in order.</summary>
        public async Task SendLiveAsync(ServerPeer peer, Func<AmiMessage, bool>? where = null)
        {
            foreach (var message in _live.Where(where ?? (_ => true)))
            {
                await peer.SendRawAsync(AmiMessageWriter.ToBytes(message)).ConfigureAwait(false);
            }
        }

        // The action's name and its arguments (Endpoint: 1001, Peer: 2002), so PJSIPShowEndpoint 1001 finds its own answer.
        private static string Key(AmiMessage action) =>
            string.Join(" ", action.Where(f => f.Key is not ("ActionID" or "Action")).Select(f => f.Key + "=" + f.Value).Prepend(action["Action"] ?? string.Empty));
    }
}
