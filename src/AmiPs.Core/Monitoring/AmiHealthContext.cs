using System;
using AmiPs.Client;

namespace AmiPs.Monitoring
{
    /// <summary>What a check works with: the session, the thresholds and target filter in force, and one probe per run.</summary>
    public sealed class AmiHealthContext
    {
        internal AmiHealthContext(string computerName, AmiSession session, AmiHealthThresholds thresholds, AmiTargetFilter filter, TimeSpan? loginTime)
        {
            ComputerName = computerName;
            Session = session;
            Thresholds = thresholds;
            Filter = filter;
            LoginTime = loginTime;
            Probe = new AmiServerProbe(session);
        }

        /// <summary>The PBX's name as the results carry it.</summary>
        public string ComputerName { get; }

        public AmiSession Session { get; }

        public AmiHealthThresholds Thresholds { get; }

        public AmiTargetFilter Filter { get; }

        /// <summary>How long connect and login took, when this run opened the session itself.</summary>
        public TimeSpan? LoginTime { get; }

        /// <summary>Server answers shared by the checks of one run (CoreStatus and CoreShowChannels are asked once).</summary>
        internal AmiServerProbe Probe { get; }

        /// <summary>A result without a measured figure.</summary>
        public AmiHealthResult Result(string check, string? target, AmiHealthStatus status, string message) =>
            new AmiHealthResult(ComputerName, check, target, status, message);
    }
}
