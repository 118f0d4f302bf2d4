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
        /// has neither. A server that refuses <c>ListCommands</c> is taken to have PJSIP (its own error follows).
        /// </summary>
        public static async Task<AmiSipStack> StackAsync(AmiSession session, string what, CancellationToken cancellationToken)
        {
            AmiServerCapabilities capabilities;
            try
            {
                capabilities = await session.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AmiResponseException)
            {
                return AmiSipStack.Pjsip;
            }

            if (capabilities.SipStack == AmiSipStack.None)
            {
                throw new AmiFeatureMissingException(
                    "res_pjsip or chan_sip",
                    $"The PBX of session '{session.Name}' has no SIP stack to read {what} from: neither PJSIP (res_pjsip, action PJSIPShowEndpoints) " +
                    $"nor chan_sip (SIPpeers) is among the manager actions it offers user '{session.UserName}'.");
            }

            return capabilities.SipStack;
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
