using System;
using System.Globalization;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// Facts about a PBX: its versions (<c>CoreSettings</c>), when it started and reloaded and how busy it is
    /// (<c>CoreStatus</c>), and what it has (<see cref="Capabilities"/>, from <c>ListCommands</c>). Immutable.
    /// </summary>
    public sealed class AmiServerInfo
    {
        private readonly TimeSpan? _uptime;

        public AmiServerInfo(AmiResponse settings, AmiResponse status, AmiServerCapabilities capabilities, DateTimeOffset now, string? session)
        {
            if (settings is null || status is null)
            {
                throw new ArgumentNullException(settings is null ? nameof(settings) : nameof(status));
            }

            AsteriskVersion = settings["AsteriskVersion"];
            AmiVersion = settings["AMIversion"];
            SystemName = string.IsNullOrEmpty(settings["SystemName"]) ? null : settings["SystemName"];
            MaxCalls = AmiValues.ParseInt(settings["CoreMaxCalls"]);
            StartedAt = ServerTime(status["CoreStartupDate"], status["CoreStartupTime"]);
            ReloadedAt = ServerTime(status["CoreReloadDate"], status["CoreReloadTime"]);
            ActiveChannels = AmiValues.ParseInt(status["CoreCurrentCalls"]);
            ProcessedCalls = AmiValues.ParseInt(status["CoreProcessedCalls"]);
            _uptime = StartedAt is { } started ? (now > started ? now - started : TimeSpan.Zero) : null;
            Capabilities = capabilities ?? throw new ArgumentNullException(nameof(capabilities));
            Session = session;
        }

        /// <summary><c>20.20.1</c>, <c>GIT-master-f0c1c1a7b7</c>.</summary>
        public string? AsteriskVersion { get; }

        /// <summary>The manager protocol's version (<c>9.0.0</c> on Asterisk 20, <c>13.0.0</c> on master).</summary>
        public string? AmiVersion { get; }

        /// <summary>The <c>systemname</c> of <c>asterisk.conf</c>; null when not set.</summary>
        public string? SystemName { get; }

        /// <summary>
        /// When Asterisk started. <c>CoreStatus</c> sends the server's wall clock without a zone: AmiPs reads it in this
        /// machine's zone, right when both are set alike (the usual case; check a server elsewhere with <see cref="GetUptime"/> in mind).
        /// </summary>
        public DateTimeOffset? StartedAt { get; }

        /// <summary>When the configuration was last reloaded (read as <see cref="StartedAt"/> is).</summary>
        public DateTimeOffset? ReloadedAt { get; }

        /// <summary>
        /// <see cref="GetUptime"/> as text (<c>3.04:05:06</c>): ConvertTo-Json writes a TimeSpan as its 15 fields; in
        /// PowerShell <c>$info.Uptime</c> is the TimeSpan (type data).
        /// </summary>
        public string? Uptime => AmiDurationText.Format(_uptime);

        /// <summary>How long Asterisk has run (from <see cref="StartedAt"/>).</summary>
        public TimeSpan? GetUptime() => _uptime;

        /// <summary>Channels up now (<c>CoreCurrentCalls</c>, which counts channels, not calls).</summary>
        public int? ActiveChannels { get; }

        /// <summary>Calls processed since start (<c>CoreProcessedCalls</c>).</summary>
        public int? ProcessedCalls { get; }

        /// <summary>The <c>maxcalls</c> limit; 0 for none.</summary>
        public int? MaxCalls { get; }

        /// <summary>Which stacks and modules the server has (PJSIP, chan_sip, app_queue) and its manager actions.</summary>
        public AmiServerCapabilities Capabilities { get; }

        /// <summary>The name of the session it came from.</summary>
        public string? Session { get; }

        /// <summary><c>Asterisk 20.20.1 (AMI 9.0.0), up 2.03:04:05, 0 channels; chan_sip, app_queue</c>.</summary>
        public override string ToString()
        {
            var up = _uptime is { } u ? $", up {(int)u.TotalDays}.{u.Hours:00}:{u.Minutes:00}:{u.Seconds:00}" : string.Empty;
            return $"Asterisk {AsteriskVersion} (AMI {AmiVersion}){up}, {ActiveChannels ?? 0} channels; {string.Join(", ", Capabilities.Modules)}";
        }

        private static DateTimeOffset? ServerTime(string? date, string? time) =>
            DateTime.TryParseExact($"{date} {time}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var value)
                ? new DateTimeOffset(value)
                : (DateTimeOffset?)null;
    }
}
