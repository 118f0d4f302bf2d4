using System;
using System.Collections.Generic;

namespace AmiPs.Simulator
{
    /// <summary>How a simulated member's phone answers a queue call.</summary>
    public enum SimulatedMemberBehavior
    {
        /// <summary>Answers (Alice in the recordings).</summary>
        Answers,

        /// <summary>Rings and is busy: <c>AgentRingNoAnswer</c> (Bob in the recordings).</summary>
        Busy,
    }

    /// <summary>A queue member as configured (<c>member => Local/1001@office,0,Alice,Custom:1001</c> in queues.conf).</summary>
    public sealed record SimulatedQueueMemberConfig(string Interface, string? Name = null, string? StateInterface = null)
    {
        /// <summary>
        /// A member in queues.conf's own syntax: <c>Local/1001@office,0,Alice,Custom:1001</c> (interface, penalty, name,
        /// state interface; all but the interface optional).
        /// </summary>
        public static SimulatedQueueMemberConfig Parse(string text)
        {
            var parts = (text ?? string.Empty).Split(',');
            var iface = parts[0].Trim();
            if (iface.Length == 0 || iface.IndexOf('/') < 0)
            {
                throw new ArgumentException($"'{text}' is not a queue member: write Tech/resource[,penalty[,name[,state interface]]], as in queues.conf (Local/1001@office,0,Alice,Custom:1001).", nameof(text));
            }

            var penalty = 0;
            if (parts.Length > 1 && parts[1].Trim().Length > 0 && !int.TryParse(parts[1].Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out penalty))
            {
                throw new ArgumentException($"The penalty of queue member '{text}' is not a number.", nameof(text));
            }

            string? Part(int i) => parts.Length > i && parts[i].Trim().Length > 0 ? parts[i].Trim() : null;
            return new SimulatedQueueMemberConfig(iface, Part(2), Part(3)) { Penalty = penalty };
        }

        public int Penalty { get; init; }

        public bool Paused { get; init; }

        public SimulatedMemberBehavior Behavior { get; init; } = SimulatedMemberBehavior.Answers;
    }

    /// <summary>A queue as configured (a section of queues.conf).</summary>
    public sealed record SimulatedQueueConfig(string Name, IReadOnlyList<SimulatedQueueMemberConfig> Members)
    {
        public string Strategy { get; init; } = "ringall";

        /// <summary>The service-level threshold in seconds (<c>servicelevel</c>).</summary>
        public int ServiceLevel { get; init; }

        /// <summary>The fixtures' queues.conf: <c>support</c> (Alice answers) and <c>sales</c> (Bob is busy).</summary>
        public static IReadOnlyList<SimulatedQueueConfig> Defaults() => new[]
        {
            new SimulatedQueueConfig("support", new[] { new SimulatedQueueMemberConfig("Local/1001@office", "Alice", "Custom:1001") }),
            new SimulatedQueueConfig("sales", new[] { new SimulatedQueueMemberConfig("Local/1002@office", "Bob", "Custom:1002") { Behavior = SimulatedMemberBehavior.Busy } }),
        };
    }

    /// <summary>A member's live state in the simulated app_queue (guarded by <see cref="SimulatedQueues"/>' lock).</summary>
    internal sealed class SimulatedMember
    {
        public SimulatedMember(SimulatedQueueMemberConfig config, bool dynamic, long loginTime)
        {
            Interface = config.Interface;
            Name = config.Name ?? config.Interface;
            StateInterface = config.StateInterface ?? config.Interface;
            Penalty = config.Penalty;
            Paused = config.Paused;
            Behavior = config.Behavior;
            Dynamic = dynamic;
            LoginTime = loginTime;
        }

        public string Interface { get; }

        public string Name { get; }

        public string StateInterface { get; }

        public SimulatedMemberBehavior Behavior { get; }

        public bool Dynamic { get; }

        public long LoginTime { get; }

        public int Penalty { get; set; }

        public bool Paused { get; set; }

        public string PausedReason { get; set; } = string.Empty;

        public long LastPause { get; set; }

        public long LastCall { get; set; }

        public int CallsTaken { get; set; }

        public bool InCall { get; set; }

        /// <summary>The device state number (1 not in use, 2 in use, 5 unavailable, 6 ringing).</summary>
        public int Status { get; set; } = 1;

        /// <summary>Busy with an offer or a call: not offered another.</summary>
        public bool Engaged { get; set; }

        public bool CanTakeCall => !Paused && !Engaged && Status == 1;
    }

    /// <summary>A queue's live state in the simulated app_queue.</summary>
    internal sealed class SimulatedQueueState
    {
        public SimulatedQueueState(SimulatedQueueConfig config)
        {
            Name = config.Name;
            Strategy = config.Strategy;
            ServiceLevel = config.ServiceLevel;
        }

        public string Name { get; }

        public string Strategy { get; }

        public int ServiceLevel { get; }

        public List<SimulatedMember> Members { get; } = new List<SimulatedMember>();

        public List<SimulatedQueueCaller> Callers { get; } = new List<SimulatedQueueCaller>();

        public int Completed { get; set; }

        public int CompletedInServiceLevel { get; set; }

        public int Abandoned { get; set; }

        public int HoldTime { get; set; }

        public int TalkTime { get; set; }

        public SimulatedMember? Find(string iface) => Members.Find(m => string.Equals(m.Interface, iface, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A caller waiting in a simulated queue.</summary>
    internal sealed class SimulatedQueueCaller
    {
        public SimulatedQueueCaller(SimulatedChannel channel, int originalPosition, DateTimeOffset joined)
        {
            Channel = channel;
            OriginalPosition = originalPosition;
            Joined = joined;
        }

        public SimulatedChannel Channel { get; }

        public int OriginalPosition { get; }

        public DateTimeOffset Joined { get; }

        /// <summary>A member is being rung for this caller.</summary>
        public bool Offered { get; set; }

        /// <summary>Members that rang and did not answer this caller: not offered it again.</summary>
        public HashSet<string> Refused { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }
}
