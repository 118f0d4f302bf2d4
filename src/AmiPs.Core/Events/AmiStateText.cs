namespace AmiPs.Events
{
    /// <summary>
    /// The text forms of AMI states: parsing Asterisk's words into the enums, and readable names for numbers
    /// (hangup causes, originate reasons) in the words Asterisk itself uses.
    /// </summary>
    internal static class AmiStateText
    {
        /// <summary><c>ANSWER</c>, <c>BUSY</c>, ... as <see cref="AmiDialStatus"/>; <c>GOTO:ctx,exten,1</c> is <see cref="AmiDialStatus.Goto"/>; anything else is Unknown.</summary>
        public static AmiDialStatus ParseDialStatus(string? text)
        {
            if (text is null)
            {
                return AmiDialStatus.Unknown;
            }

            var status = DialStatusOf(text);
            if (status == AmiDialStatus.Unknown && HasLowerCase(text))
            {
                status = DialStatusOf(text.ToUpperInvariant());
            }

            return status;
        }

        /// <summary><c>NOT_INUSE</c>, <c>INUSE</c>, ... as <see cref="AmiDeviceState"/>; null when absent, Unknown for text AmiPs does not know.</summary>
        public static AmiDeviceState? ParseDeviceState(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var state = DeviceStateOf(text);
            if (state is null && HasLowerCase(text))
            {
                state = DeviceStateOf(text.ToUpperInvariant());
            }

            return state ?? AmiDeviceState.Unknown;
        }

        /// <summary>The name Asterisk gives an extension state (<c>ast_extension_state2str</c>, its <c>StatusText</c>): Idle, InUse, Busy, ..., <c>InUse&amp;Hold</c>, Removed (-2), Deactivated (-1), else Unknown.</summary>
        public static string DescribeExtensionState(int status) => status switch
        {
            -2 => "Removed",
            -1 => "Deactivated",
            0 => "Idle",
            1 => "InUse",
            2 => "Busy",
            4 => "Unavailable",
            8 => "Ringing",
            9 => "InUse&Ringing",
            16 => "Hold",
            17 => "InUse&Hold",
            _ => "Unknown",
        };

        /// <summary>What an <c>OriginateResponse</c> <c>Reason</c> means (4 Answered, 5 Busy, 8 Congestion, 3 Ringing, 1 Hangup, 0 Failed).</summary>
        public static string? DescribeOriginateReason(int? reason) => reason switch
        {
            null => null,
            0 => "Failed",
            1 => "Hangup",
            2 => "Ring",
            3 => "Ringing",
            4 => "Answered",
            5 => "Busy",
            8 => "Congestion",
            _ => "Reason " + reason.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        /// <summary>
        /// The text Asterisk gives a Q.850 hangup cause (its <c>Cause-txt</c>), for the events that carry only the number
        /// (<c>HangupRequest</c>, <c>SoftHangupRequest</c>); null for a cause not in the table.
        /// </summary>
        public static string? DescribeHangupCause(int? cause) => cause switch
        {
            0 => "Unknown",
            1 => "Unallocated (unassigned) number",
            2 => "No route to specified transmit network",
            3 => "No route to destination",
            6 => "Channel unacceptable",
            7 => "Call awarded and being delivered in an established channel",
            16 => "Normal Clearing",
            17 => "User busy",
            18 => "No user responding",
            19 => "User alerting, no answer",
            21 => "Call Rejected",
            22 => "Number changed",
            25 => "Pre-empted",
            27 => "Destination out of order",
            28 => "Invalid number format",
            29 => "Facility rejected",
            30 => "Response to STATus ENQuiry",
            31 => "Normal, unspecified",
            34 => "Circuit/channel congestion",
            38 => "Network out of order",
            41 => "Temporary failure",
            42 => "Switching equipment congestion",
            43 => "Access information discarded",
            44 => "Requested channel not available",
            50 => "Facility not subscribed",
            52 => "Outgoing call barred",
            54 => "Incoming call barred",
            57 => "Bearer capability not authorized",
            58 => "Bearer capability not available",
            65 => "Bearer capability not implemented",
            66 => "Channel not implemented",
            69 => "Facility not implemented",
            81 => "Invalid call reference value",
            88 => "Incompatible destination",
            95 => "Invalid message unspecified",
            96 => "Mandatory information element is missing",
            97 => "Message type nonexist.",
            98 => "Wrong message",
            99 => "Info. element nonexist or not implemented",
            100 => "Invalid information element contents",
            101 => "Message not compatible with call state",
            102 => "Recover on timer expiry",
            103 => "Mandatory IE length error",
            111 => "Protocol error, unspecified",
            127 => "Interworking, unspecified",
            _ => null,
        };

        /// <summary>What a numeric <c>Reload</c> <c>Status</c> means (0 Success, 2 NotFound, ...); null for other values.</summary>
        public static string? DescribeReloadResult(int? result) => result is >= 0 and <= 6 ? ((AmiReloadResult)result.Value).ToString() : null;

        private static AmiDialStatus DialStatusOf(string text)
        {
            switch (text)
            {
                case "ANSWER": return AmiDialStatus.Answer;
                case "BUSY": return AmiDialStatus.Busy;
                case "NOANSWER": return AmiDialStatus.NoAnswer;
                case "CANCEL": return AmiDialStatus.Cancel;
                case "CONGESTION": return AmiDialStatus.Congestion;
                case "CHANUNAVAIL": return AmiDialStatus.ChanUnavail;
                case "DONTCALL": return AmiDialStatus.DontCall;
                case "TORTURE": return AmiDialStatus.Torture;
                case "INVALIDARGS": return AmiDialStatus.InvalidArgs;
                case "ABORT": return AmiDialStatus.Abort;
                case "CONTINUE": return AmiDialStatus.Continue;
                case "GOTO": return AmiDialStatus.Goto;
                case "RINGING": return AmiDialStatus.Ringing;
                case "PROCEEDING": return AmiDialStatus.Proceeding;
                case "PROGRESS": return AmiDialStatus.Progress;
            }

            // GOTO carries its target after a colon: GOTO:context,exten,priority.
            return text.StartsWith("GOTO:", System.StringComparison.Ordinal) ? AmiDialStatus.Goto : AmiDialStatus.Unknown;
        }

        private static AmiDeviceState? DeviceStateOf(string text) => text switch
        {
            "NOT_INUSE" => AmiDeviceState.NotInUse,
            "INUSE" => AmiDeviceState.InUse,
            "BUSY" => AmiDeviceState.Busy,
            "INVALID" => AmiDeviceState.Invalid,
            "UNAVAILABLE" => AmiDeviceState.Unavailable,
            "RINGING" => AmiDeviceState.Ringing,
            "RINGINUSE" => AmiDeviceState.RingInUse,
            "ONHOLD" => AmiDeviceState.OnHold,
            "UNKNOWN" => AmiDeviceState.Unknown,
            _ => null,
        };

        private static bool HasLowerCase(string text)
        {
            foreach (var c in text)
            {
                if (c >= 'a' && c <= 'z')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
