using System;
using System.Globalization;

namespace AmiPs.Events
{
    /// <summary>The text forms of SIP states: Asterisk's words for contacts, registrations and devices, as enums.</summary>
    public static class AmiSipText
    {
        /// <summary>PJSIP's contact status words, and chan_sip's peer status (<c>OK (1 ms)</c>, <c>UNREACHABLE</c>, <c>LAGGED (..)</c>, <c>Unmonitored</c>).</summary>
        public static AmiContactStatus ParseContactStatus(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return AmiContactStatus.Unknown;
            }

            if (text!.StartsWith("OK", StringComparison.Ordinal))
            {
                return AmiContactStatus.Reachable;
            }

            if (text.StartsWith("LAGGED", StringComparison.OrdinalIgnoreCase))
            {
                return AmiContactStatus.Lagged;
            }

            return text.ToUpperInvariant() switch
            {
                "REACHABLE" => AmiContactStatus.Reachable,
                "UNREACHABLE" => AmiContactStatus.Unreachable,
                "NONQUALIFIED" or "UNMONITORED" => AmiContactStatus.NonQualified,
                "CREATED" => AmiContactStatus.Created,
                "UPDATED" => AmiContactStatus.Updated,
                "REMOVED" => AmiContactStatus.Removed,
                _ => AmiContactStatus.Unknown,
            };
        }

        /// <summary>The round trip in chan_sip's <c>OK (12 ms)</c> / <c>LAGGED (2100 ms)</c>; null for any other text.</summary>
        public static TimeSpan? ParsePeerRoundTrip(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var open = text.IndexOf('(');
            var unit = text.IndexOf(" ms)", StringComparison.Ordinal);
            return open >= 0 && unit > open &&
                int.TryParse(text.Substring(open + 1, unit - open - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
                ? TimeSpan.FromMilliseconds(ms)
                : (TimeSpan?)null;
        }

        /// <summary><c>RoundtripUsec</c> (microseconds) as a time; null for <c>N/A</c>, absent, or 0 (PJSIP writes 0 for "none").</summary>
        public static TimeSpan? ParseRoundTripUsec(string? text) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var usec) && usec > 0
                ? TimeSpan.FromTicks(usec * 10)
                : (TimeSpan?)null;

        /// <summary>PJSIP's and chan_sip's registration words (<c>Registered</c>, <c>Request Sent</c>, ...).</summary>
        public static AmiRegistrationStatus ParseRegistrationStatus(string? text) => text?.Trim().ToUpperInvariant() switch
        {
            "REGISTERED" => AmiRegistrationStatus.Registered,
            "UNREGISTERED" => AmiRegistrationStatus.Unregistered,
            "REJECTED" => AmiRegistrationStatus.Rejected,
            "FAILED" => AmiRegistrationStatus.Failed,
            "REQUEST SENT" => AmiRegistrationStatus.RequestSent,
            "AUTH. SENT" => AmiRegistrationStatus.AuthSent,
            "NO AUTHENTICATION" => AmiRegistrationStatus.NoAuthentication,
            "TIMEOUT" => AmiRegistrationStatus.Timeout,
            _ => AmiRegistrationStatus.Unknown,
        };

        /// <summary>
        /// A device state in either of Asterisk's spellings: <c>ast_devstate_str</c> (<c>Not in use</c>, <c>In use</c>,
        /// <c>Ring+Inuse</c>, <c>On Hold</c>: <c>DeviceState</c> of <c>EndpointList</c>) or <c>ast_devstate2str</c>
        /// (<c>NOT_INUSE</c>: <c>DeviceStateChange</c>). Null when absent, Unknown for other text.
        /// </summary>
        public static AmiDeviceState? ParseDeviceState(string? text) => text is null ? null : text.ToUpperInvariant() switch
        {
            "NOT IN USE" => AmiDeviceState.NotInUse,
            "IN USE" => AmiDeviceState.InUse,
            "RING+INUSE" => AmiDeviceState.RingInUse,
            "ON HOLD" => AmiDeviceState.OnHold,
            "BUSY" => AmiDeviceState.Busy,
            "INVALID" => AmiDeviceState.Invalid,
            "UNAVAILABLE" => AmiDeviceState.Unavailable,
            "RINGING" => AmiDeviceState.Ringing,
            _ => AmiStateText.ParseDeviceState(text),
        };

        /// <summary>The words <c>ast_devstate_str</c> gives a state (<c>Not in use</c>, <c>In use</c>, ...), as <c>EndpointList</c> shows them.</summary>
        public static string DescribeDeviceState(AmiDeviceState state) => state switch
        {
            AmiDeviceState.NotInUse => "Not in use",
            AmiDeviceState.InUse => "In use",
            AmiDeviceState.Busy => "Busy",
            AmiDeviceState.Invalid => "Invalid",
            AmiDeviceState.Unavailable => "Unavailable",
            AmiDeviceState.Ringing => "Ringing",
            AmiDeviceState.RingInUse => "Ring+Inuse",
            AmiDeviceState.OnHold => "On Hold",
            _ => "Unknown",
        };

        /// <summary>The name after a channel-type prefix: <c>PJSIP/1001</c> and <c>SIP/1001</c> give <c>1001</c>; null for other devices.</summary>
        public static string? SipDeviceName(string? device, out AmiSipStack stack)
        {
            stack = AmiSipStack.None;
            if (device is null)
            {
                return null;
            }

            if (device.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase))
            {
                stack = AmiSipStack.Pjsip;
                return device.Substring(6);
            }

            if (device.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
            {
                stack = AmiSipStack.ChanSip;
                return device.Substring(4);
            }

            return null;
        }
    }
}
