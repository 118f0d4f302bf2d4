namespace AmiPs.Events
{
    /// <summary>
    /// A channel's state (<c>ChannelState</c>, Asterisk's <c>enum ast_channel_state</c>). A number outside the list
    /// keeps its value (the enum prints it as a number).
    /// </summary>
    public enum AmiChannelState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Channel is down and available.</summary>
        Down = 0,

        /// <summary>Channel is down, but reserved (<c>Rsrvd</c>).</summary>
        Reserved = 1,

        /// <summary>Channel is off hook.</summary>
        OffHook = 2,

        /// <summary>Digits (or equivalent) have been dialed.</summary>
        Dialing = 3,

        /// <summary>Line is ringing (the calling side).</summary>
        Ring = 4,

        /// <summary>Remote end is ringing.</summary>
        Ringing = 5,

        /// <summary>Line is up (answered).</summary>
        Up = 6,

        /// <summary>Line is busy.</summary>
        Busy = 7,

        /// <summary>Digits have been dialed while off hook (<c>Dialing Offhook</c>).</summary>
        DialingOffHook = 8,

        /// <summary>Channel has detected an incoming call and is waiting for ring (<c>Pre-ring</c>).</summary>
        PreRing = 9,
    }

    /// <summary>
    /// The outcome of a dial (<c>DialStatus</c> of <c>DialEnd</c>, <c>DialState</c>; the <c>DIALSTATUS</c> values).
    /// A value AmiPs does not know is <see cref="Unknown"/>; its text is kept in <c>DialStatusText</c>.
    /// </summary>
    public enum AmiDialStatus : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>Absent, or a value AmiPs does not know (see <c>DialStatusText</c>).</summary>
        Unknown = 0,

        /// <summary><c>ANSWER</c>: the called party answered.</summary>
        Answer,

        /// <summary><c>BUSY</c>: the called party was busy.</summary>
        Busy,

        /// <summary><c>NOANSWER</c>: the called party did not answer in time.</summary>
        NoAnswer,

        /// <summary><c>CANCEL</c>: the caller hung up (or another leg answered) before an answer.</summary>
        Cancel,

        /// <summary><c>CONGESTION</c>: the called party or the network is congested.</summary>
        Congestion,

        /// <summary><c>CHANUNAVAIL</c>: the channel could not be created or is unavailable.</summary>
        ChanUnavail,

        /// <summary><c>DONTCALL</c>: privacy manager, the callee chose "don't call".</summary>
        DontCall,

        /// <summary><c>TORTURE</c>: privacy manager, the callee chose torture.</summary>
        Torture,

        /// <summary><c>INVALIDARGS</c>: Dial was given bad arguments.</summary>
        InvalidArgs,

        /// <summary><c>ABORT</c>: the dial was aborted.</summary>
        Abort,

        /// <summary><c>CONTINUE</c>: the caller continues in the dialplan.</summary>
        Continue,

        /// <summary><c>GOTO</c> (optionally <c>GOTO:context,exten,priority</c>): the caller jumps in the dialplan.</summary>
        Goto,

        /// <summary><c>RINGING</c> (a <c>DialState</c>, not a final result).</summary>
        Ringing,

        /// <summary><c>PROCEEDING</c> (a <c>DialState</c>).</summary>
        Proceeding,

        /// <summary><c>PROGRESS</c> (a <c>DialState</c>).</summary>
        Progress,
    }

    /// <summary>
    /// The combined state of an extension's hint (<c>Status</c> of <c>ExtensionStatus</c>, a bit mask). The named
    /// combinations are the ones Asterisk names in <c>StatusText</c>; any other mask keeps its number.
    /// </summary>
    public enum AmiExtensionState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>-2: the extension was removed from the dialplan.</summary>
        Removed = -2,

        /// <summary>-1: the hint was deactivated (Asterisk's <c>AST_EXTENSION_DEACTIVATED</c>, shown as <c>Unknown</c>).</summary>
        Unknown = -1,

        /// <summary>0: no device in use or busy (<c>Idle</c>).</summary>
        Idle = 0,

        /// <summary>1: one or more devices in use (<c>InUse</c>).</summary>
        InUse = 1,

        /// <summary>2: all devices busy (<c>Busy</c>).</summary>
        Busy = 2,

        /// <summary>4: all devices unavailable or unregistered (<c>Unavailable</c>).</summary>
        Unavailable = 4,

        /// <summary>8: all devices ringing (<c>Ringing</c>).</summary>
        Ringing = 8,

        /// <summary>9: in use and ringing (<c>InUse&amp;Ringing</c>).</summary>
        InUseRinging = 9,

        /// <summary>16: all devices on hold (<c>Hold</c>).</summary>
        OnHold = 16,

        /// <summary>17: in use and on hold (<c>InUse&amp;Hold</c>).</summary>
        InUseOnHold = 17,
    }

    /// <summary>
    /// A device's state (<c>State</c> of <c>DeviceStateChange</c> as text, <c>Status</c> of <c>QueueMemberStatus</c> as a
    /// number); the values are Asterisk's <c>enum ast_device_state</c>.
    /// </summary>
    public enum AmiDeviceState : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary><c>UNKNOWN</c> (also any text AmiPs does not know; the raw text stays available).</summary>
        Unknown = 0,

        /// <summary><c>NOT_INUSE</c>: idle.</summary>
        NotInUse = 1,

        /// <summary><c>INUSE</c>.</summary>
        InUse = 2,

        /// <summary><c>BUSY</c>.</summary>
        Busy = 3,

        /// <summary><c>INVALID</c>: no such device.</summary>
        Invalid = 4,

        /// <summary><c>UNAVAILABLE</c>: unreachable or unregistered.</summary>
        Unavailable = 5,

        /// <summary><c>RINGING</c>.</summary>
        Ringing = 6,

        /// <summary><c>RINGINUSE</c>: ringing while in use.</summary>
        RingInUse = 7,

        /// <summary><c>ONHOLD</c>.</summary>
        OnHold = 8,
    }

    /// <summary>
    /// Why an originate ended (<c>Reason</c> of <c>OriginateResponse</c>): the last control frame the new channel saw.
    /// </summary>
    public enum AmiOriginateReason : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>0: the call failed (no channel, or no control frame).</summary>
        Failed = 0,

        /// <summary>1: the far end hung up.</summary>
        Hangup = 1,

        /// <summary>2: local ring.</summary>
        Ring = 2,

        /// <summary>3: the far end was ringing when the originate timed out.</summary>
        Ringing = 3,

        /// <summary>4: answered.</summary>
        Answered = 4,

        /// <summary>5: busy.</summary>
        Busy = 5,

        /// <summary>8: congestion.</summary>
        Congestion = 8,
    }

    /// <summary>The result of a module reload (<c>Status</c> of <c>Reload</c>, Asterisk's <c>enum ast_module_reload_result</c>).</summary>
    public enum AmiReloadResult : long // a name in ConvertTo-Json, which writes names only for long-based enums
    {
        /// <summary>0: reloaded.</summary>
        Success = 0,

        /// <summary>1: the reload was queued (the server is still starting).</summary>
        Queued = 1,

        /// <summary>2: no such module.</summary>
        NotFound = 2,

        /// <summary>3: the reload failed.</summary>
        Error = 3,

        /// <summary>4: another reload is in progress.</summary>
        InProgress = 4,

        /// <summary>5: the module is not initialized.</summary>
        Uninitialized = 5,

        /// <summary>6: the module cannot reload.</summary>
        NotImplemented = 6,
    }
}
