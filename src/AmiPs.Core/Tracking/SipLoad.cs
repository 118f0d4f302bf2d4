using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Tracking
{
    /// <summary>What the SIP trackers share to load: which stack to read, and list actions whose "none" is an error.</summary>
    internal static class SipLoad
    {
        /// <summary>
        /// The stack to read: PJSIP where present, else chan_sip; a clear error naming what is missing when the server
        /// has neither. Where <c>ListCommands</c> is refused (no real Asterisk does that), the two list actions are
        /// tried: "Invalid/unknown command" to both means neither stack.
        /// </summary>
        public static async Task<AmiSipStack> StackAsync(AmiSession session, string what, CancellationToken cancellationToken)
        {
            AmiSipStack stack;
            try
            {
                stack = (await session.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).SipStack;
            }
            catch (AmiResponseException)
            {
                stack = await ProbeAsync(session, "PJSIPShowEndpoints", cancellationToken).ConfigureAwait(false) ? AmiSipStack.Pjsip
                    : await ProbeAsync(session, "SIPpeers", cancellationToken).ConfigureAwait(false) ? AmiSipStack.ChanSip
                    : AmiSipStack.None;
            }

            if (stack == AmiSipStack.None)
            {
                throw new AmiFeatureMissingException(
                    "res_pjsip or chan_sip",
                    $"The PBX of session '{session.Name}' has no SIP stack to read {what} from: neither PJSIP (res_pjsip, action PJSIPShowEndpoints) " +
                    $"nor chan_sip (SIPpeers) is among the manager actions it offers user '{session.UserName}'.");
            }

            return stack;
        }

        // Whether the server knows the action: anything but "Invalid/unknown command" (success, or "Permission denied") says so.
        private static async Task<bool> ProbeAsync(AmiSession session, string action, CancellationToken cancellationToken)
        {
            var response = await session.SendActionAsync(new AmiAction(action), null, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess || response.Message?.IndexOf("Invalid/unknown command", StringComparison.OrdinalIgnoreCase) < 0;
        }

        /// <summary>
        /// The items of a list action; an empty list where the PBX answers "none" with an error
        /// (<c>No endpoints found</c>, <c>No Contacts found</c>), <see cref="AmiResponseException"/> for any other error.
        /// </summary>
        public static async Task<IReadOnlyList<AmiEvent>> ListAsync(AmiSession session, AmiAction action, CancellationToken cancellationToken)
        {
            var response = await session.SendActionAsync(action, null, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                return response.Events;
            }

            var message = response.Message ?? string.Empty;
            if (message.StartsWith("No ", StringComparison.OrdinalIgnoreCase) && message.IndexOf("found", StringComparison.OrdinalIgnoreCase) > 0)
            {
                return Array.Empty<AmiEvent>();
            }

            throw new AmiResponseException(response);
        }
    }
}
