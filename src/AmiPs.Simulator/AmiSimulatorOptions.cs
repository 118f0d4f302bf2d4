using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace AmiPs.Simulator
{
    /// <summary>
    /// An AMI account of the simulator, as a <c>manager.conf</c> section: secret and read/write class lists. The secret
    /// goes in through the constructor and is readable only inside the simulator (it checks logins with it): no public
    /// property shows it, so neither <c>$sim.Simulator.Options.Users</c> nor <c>ConvertTo-Json</c> can.
    /// </summary>
    public sealed record AmiSimulatorUser
    {
        public AmiSimulatorUser(string userName, string secret)
        {
            UserName = userName;
            Secret = secret;
        }

        public string UserName { get; }

        internal string Secret { get; }

        /// <summary>Classes the user may read (<c>all</c>, or a list such as <c>call,system,reporting</c>); empty reads nothing.</summary>
        public string Read { get; init; } = "all";

        /// <summary>Classes the user may write (run actions of); empty allows only actions without a class (Ping, Logoff, Events).</summary>
        public string Write { get; init; } = "all";

        /// <summary>Never shows the secret.</summary>
        public override string ToString() => $"{UserName} (read {Read}, write {Write})";
    }

    /// <summary>How a simulator listens and behaves. Times default to fast values so tests run quickly.</summary>
    public sealed record AmiSimulatorOptions
    {
        public static AmiSimulatorOptions Default { get; } = new AmiSimulatorOptions();

        /// <summary>TCP port; 0 picks a free one.</summary>
        public int Port { get; init; }

        public IPAddress Address { get; init; } = IPAddress.Loopback;

        public IReadOnlyList<AmiSimulatorUser> Users { get; init; } = Array.Empty<AmiSimulatorUser>();

        /// <summary>Sent in the banner (<c>Asterisk Call Manager/13.0.0</c>).</summary>
        public string AmiVersion { get; init; } = "13.0.0";

        /// <summary>Adds <c>Timestamp:</c> to live events, as <c>timestampevents = yes</c>.</summary>
        public bool TimestampEvents { get; init; }

        /// <summary>Serves TLS (as <c>tlsenable = yes</c>) with this certificate when set.</summary>
        public X509Certificate2? Certificate { get; init; }

        /// <summary>Hinted extensions; null gives the recorded fixtures' small office (1001..1004 with <c>Custom:</c> hints).</summary>
        public IReadOnlyList<SimulatedExtension>? Extensions { get; init; }

        /// <summary>The queues of the simulated app_queue; null for the fixtures' <c>support</c> (Alice) and <c>sales</c> (Bob, busy).</summary>
        public IReadOnlyList<SimulatedQueueConfig>? Queues { get; init; }

        /// <summary>
        /// False for a box without app_queue.so: the Queue* actions are unknown (<c>Invalid/unknown command</c>) and
        /// not in <c>ListCommands</c>, as on an Asterisk where the module is not loaded.
        /// </summary>
        public bool QueueModule { get; init; } = true;

        /// <summary>Calls a second generated at start; 0 leaves traffic off.</summary>
        public double TrafficCallsPerSecond { get; init; }

        public ILoggerFactory? LoggerFactory { get; init; }

        /// <summary>How long the simulated Asterisk has already run when the simulator starts (<c>FullyBooted</c>'s <c>Uptime</c>, <c>core show uptime</c>); a restart sets it back to zero.</summary>
        public TimeSpan Uptime { get; init; }

        /// <summary>Wait before answering a wrong secret (Asterisk sleeps about 1 s).</summary>
        public TimeSpan AuthFailureDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Gap between the phases of a simulated call (dialplan steps).</summary>
        public TimeSpan StepDelay { get; init; } = TimeSpan.FromMilliseconds(10);

        /// <summary>How long a callee rings before it answers or is given up on.</summary>
        public TimeSpan RingTime { get; init; } = TimeSpan.FromMilliseconds(50);

        /// <summary>Talk time of an answered call when none is given.</summary>
        public TimeSpan TalkTime { get; init; } = TimeSpan.FromMilliseconds(100);

        /// <summary>Outgoing messages queued per session; a live event that finds the queue full disconnects the session, as Asterisk's <c>writetimeout</c>.</summary>
        public int SessionQueueCapacity { get; init; } = 8192;

        /// <summary>The SIP stack the server has (PJSIP by default; ChanSip as Asterisk up to 20; None for a box without SIP).</summary>
        public AmiSimulatorSipStack SipStack { get; init; }

        /// <summary>The SIP endpoints; null for the fixtures' (1001, 1002, selftrunk; chan_sip: 2001, 2002, selfpeer).</summary>
        public IReadOnlyList<SimulatedEndpoint>? SipEndpoints { get; init; }

        /// <summary>The outbound registrations; null for the fixtures' (provider, deadtrunk; chan_sip: trunkuser@127.0.0.1).</summary>
        public IReadOnlyList<SimulatedRegistration>? SipRegistrations { get; init; }
    }
}
