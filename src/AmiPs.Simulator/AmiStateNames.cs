namespace AmiPs.Simulator
{
    /// <summary>The texts Asterisk prints for channel states and device states (extension states and causes: Core's <c>AmiStateText</c>).</summary>
    internal static class AmiStateNames
    {
        public static string ChannelStateDesc(int state) => state switch
        {
            0 => "Down",
            1 => "Rsrvd",
            2 => "OffHook",
            3 => "Dialing",
            4 => "Ring",
            5 => "Ringing",
            6 => "Up",
            7 => "Busy",
            8 => "Dialing Offhook",
            9 => "Pre-ring",
            _ => "Unknown",
        };



        /// <summary>Device state as <c>DEVICE_STATE(Custom:...)</c> takes it, for the dialplan lines the simulator shows.</summary>
        public static string DeviceState(int status) => status switch
        {
            0 => "NOT_INUSE",
            1 => "INUSE",
            2 => "BUSY",
            4 => "UNAVAILABLE",
            8 => "RINGING",
            9 => "RINGINUSE",
            16 => "ONHOLD",
            _ => "UNKNOWN",
        };
    }
}
