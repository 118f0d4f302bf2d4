using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using AmiPs.Simulator;

namespace AmiPs.Commands
{
    /// <summary>
    /// Starts an AMI simulator on 127.0.0.1: an in-process server that behaves like Asterisk (login, actions, lists,
    /// live call events), for trying AmiPs without a PBX and for tests.
    /// </summary>
    /// <remarks>
    /// Without -Credential the simulator gets the user name <c>admin</c> and a random secret generated for this run;
    /// the secret is available only through the returned object's <c>Credential</c> property, so pipe the object to
    /// Connect-Ami (<c>Start-AmiSimulator | Connect-Ami</c>) or pass <c>-Credential $sim.Credential</c>. There is no fixed
    /// default password. Stop it with Stop-AmiSimulator.
    /// </remarks>
    [Cmdlet(VerbsLifecycle.Start, "AmiSimulator")]
    [OutputType(typeof(AmiSimulatorInfo))]
    public sealed class StartAmiSimulatorCommand : AmiCmdlet
    {
        /// <summary>TCP port; 0 (the default) picks a free one.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The AMI account clients log in with; a random secret for <c>admin</c> when omitted.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Generated calls a second (random extensions and outcomes); 0 for none.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000.0)]
        public double TrafficRate { get; set; }

        /// <summary>Adds <c>Timestamp:</c> to every live event, as <c>timestampevents = yes</c>.</summary>
        [Parameter]
        public SwitchParameter TimestampEvents { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>How long answered calls talk (default 100 ms, for fast scripts; a number is seconds: -TalkTime 5 for a demo).</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan TalkTime { get; set; }

        /// <summary>How long a callee rings before it answers or gives up (default 50 ms).</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan RingTime { get; set; }

        /// <summary>The SIP stack the server has: Pjsip (default), ChanSip (Asterisk up to 20, AMI 9.0.0) or None.</summary>
        [Parameter]
        public AmiSimulatorSipStack SipStack { get; set; }

        /// <summary>SIP phones to simulate instead of the fixtures' (each with a registered, reachable contact).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Endpoint { get; set; }

        /// <summary>This many extra phones (<c>0001</c>, <c>0002</c>, ...), for a large PBX.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int EndpointCount { get; set; }

        /// <summary>Outbound registrations (trunks, registered) to simulate instead of the fixtures'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Trunk { get; set; }

        /// <summary>The simulated queues: <c>@{ Name = 'support'; Members = 'Local/1001@office,0,Alice,Custom:1001'; Busy = ... }</c>; default support and sales.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public System.Collections.Hashtable[]? Queue { get; set; }

        /// <summary>A PBX without app_queue.so: the Queue* actions are unknown, as where the module is not loaded.</summary>
        [Parameter]
        public SwitchParameter NoQueueModule { get; set; }

        /// <summary>How long the simulated Asterisk has already run (default 0: just started); a number is seconds.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Uptime { get; set; }

        protected override void EndProcessing()
        {
            var credential = Credential ?? new PSCredential("admin", RandomSecret());
            var options = new AmiSimulatorOptions
            {
                Port = Port,
                Users = new[] { new AmiSimulatorUser(credential.UserName, credential.GetNetworkCredential().Password) },
                TimestampEvents = TimestampEvents.IsPresent,
                TrafficCallsPerSecond = TrafficRate,
                QueueModule = !NoQueueModule.IsPresent,
                Uptime = Uptime > TimeSpan.Zero ? Uptime : TimeSpan.Zero,
            };
            options = WithSip(options);
            if (TalkTime > TimeSpan.Zero)
            {
                options = options with { TalkTime = TalkTime };
            }

            if (RingTime > TimeSpan.Zero)
            {
                options = options with { RingTime = RingTime };
            }

            if (Queue is not null)
            {
                try
                {
                    options = options with { Queues = SimulatorQueueOption.Parse(Queue) };
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(AmiErrorIds.SimulatorInvalidQueue.Record(e, Queue));
                }
            }

            AmiSimulator simulator;
            try
            {
                simulator = Await(AmiSimulator.StartAsync(options, StopToken));
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
            {
                ThrowTerminatingError(AmiErrorIds.SimulatorStartFailed.Record(e, Port));
                return;
            }

            var info = new AmiSimulatorInfo(AmiSimulatorStore.UniqueName(Name), simulator, credential);
            AmiSimulatorStore.Add(info);
            WriteVerbose($"AMI simulator '{info.Name}' listening on {info.ComputerName}:{info.Port} for user {info.UserName}.");
            WriteObject(info);
        }

        private AmiSimulatorOptions WithSip(AmiSimulatorOptions options)
        {
            options = options with { SipStack = SipStack, AmiVersion = SipStack == AmiSimulatorSipStack.ChanSip ? "9.0.0" : options.AmiVersion };
            if (Endpoint is not null || EndpointCount > 0)
            {
                var phones = new System.Collections.Generic.List<SimulatedEndpoint>();
                phones.AddRange((Endpoint ?? Array.Empty<string>()).Select(name => SimulatedSip.Phone(name)));
                phones.AddRange(SimulatedSip.Phones(EndpointCount));
                options = options with { SipEndpoints = phones };
            }

            return Trunk is null ? options : options with { SipRegistrations = Trunk.Select(SimulatedSip.Trunk).ToArray() };
        }

        /// <summary>24 random characters from the OS generator: a secret nobody can guess or has seen before.</summary>
        private static SecureString RandomSecret()
        {
            const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            var bytes = new byte[24];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var secret = new SecureString();
            foreach (var b in bytes)
            {
                secret.AppendChar(Alphabet[b % Alphabet.Length]);
            }

            secret.MakeReadOnly();
            return secret;
        }
    }
}
