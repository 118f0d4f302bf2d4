using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Client
{
    /// <summary>
    /// Which stacks and modules a PBX has, read from its <c>ListCommands</c> answer (the manager actions this user may
    /// run, one <c>Name: synopsis (Priv: ...)</c> line each): scripts and cmdlets branch on it ("this server has no
    /// PJSIP") instead of failing obscurely. Immutable.
    /// </summary>
    public sealed class AmiServerCapabilities
    {
        private readonly HashSet<string> _actions;

        internal AmiServerCapabilities(IEnumerable<string> actions)
        {
            if (actions is null)
            {
                throw new ArgumentNullException(nameof(actions));
            }

            _actions = new HashSet<string>(actions, StringComparer.OrdinalIgnoreCase);
            var sorted = new List<string>(_actions);
            sorted.Sort(StringComparer.OrdinalIgnoreCase);
            Actions = sorted;
        }

        /// <summary>The manager actions the server offers this user, sorted.</summary>
        public IReadOnlyList<string> Actions { get; }

        /// <summary>res_pjsip is loaded (<c>PJSIPShowEndpoints</c> exists).</summary>
        public bool HasPjsip => HasAction("PJSIPShowEndpoints");

        /// <summary>chan_sip is loaded (<c>SIPpeers</c> exists; Asterisk up to 20).</summary>
        public bool HasChanSip => HasAction("SIPpeers");

        /// <summary>app_queue is loaded (<c>QueueStatus</c> exists).</summary>
        public bool HasQueues => HasAction("QueueStatus");

        /// <summary>The stack AmiPs reads endpoints from: PJSIP where present, else chan_sip, else None.</summary>
        public AmiSipStack SipStack => HasPjsip ? AmiSipStack.Pjsip : HasChanSip ? AmiSipStack.ChanSip : AmiSipStack.None;

        /// <summary>The modules these actions show, for people: <c>res_pjsip</c>, <c>chan_sip</c>, <c>app_queue</c>.</summary>
        public IReadOnlyList<string> Modules
        {
            get
            {
                var modules = new List<string>();
                if (HasPjsip)
                {
                    modules.Add("res_pjsip");
                }

                if (HasChanSip)
                {
                    modules.Add("chan_sip");
                }

                if (HasQueues)
                {
                    modules.Add("app_queue");
                }

                return modules;
            }
        }

        /// <summary>Whether the server offers the action <paramref name="name"/> (any case).</summary>
        public bool HasAction(string name) => name is not null && _actions.Contains(name);

        /// <summary>The capabilities in a <c>ListCommands</c> response: every key but <c>Response</c>, <c>ActionID</c> and <c>Message</c> names an action.</summary>
        public static AmiServerCapabilities FromListCommands(AmiResponse response)
        {
            if (response is null)
            {
                throw new ArgumentNullException(nameof(response));
            }

            var actions = new List<string>();
            foreach (var field in response.Fields)
            {
                if (field.Key.Length != 0 && !IsAny(field.Key, "Response", "ActionID", "Message"))
                {
                    actions.Add(field.Key);
                }
            }

            return new AmiServerCapabilities(actions);
        }

        /// <summary><c>res_pjsip, app_queue (143 actions)</c>.</summary>
        public override string ToString()
        {
            var modules = Modules;
            return $"{(modules.Count == 0 ? "no SIP stack, no queues" : string.Join(", ", modules))} ({Actions.Count} actions)";
        }

        private static bool IsAny(string key, string a, string b, string c) =>
            string.Equals(key, a, StringComparison.OrdinalIgnoreCase) || string.Equals(key, b, StringComparison.OrdinalIgnoreCase) || string.Equals(key, c, StringComparison.OrdinalIgnoreCase);
    }
}
