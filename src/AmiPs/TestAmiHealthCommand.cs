using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Monitoring;

namespace AmiPs.Commands
{
    /// <summary>
    /// Health checks with thresholds, for one PBX or a fleet: on open sessions (<c>-Session</c>), or on light
    /// sessions of its own to each <c>-ComputerName</c>, in parallel up to <c>-ThrottleLimit</c>. Never throws for
    /// what a PBX does (down, refusing the login, lacking PJSIP or queues): that is in the results. Workers only queue
    /// results; they are written here, on the pipeline thread.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AmiHealth", DefaultParameterSetName = ComputerNameSet)]
    [OutputType(typeof(AmiHealthResult))]
    public sealed class TestAmiHealthCommand : AmiConnectionCmdlet
    {
        private const string ComputerNameSet = "ComputerName";
        private const string SessionSet = "Session";

        // Each host with the port and credential it came with: piped objects (CSV rows, Start-AmiSimulator's) may each
        // carry their own, which PowerShell binds per record, so they are captured with the host, not read at the end.
        private readonly List<(string Name, int? Port, PSCredential? Credential)> _hosts = new List<(string, int?, PSCredential?)>();
        private readonly List<AmiSession> _sessions = new List<AmiSession>();

        /// <summary>
        /// The PBXes to check, also from the pipeline (<c>Get-Content pbxes.txt | Test-AmiHealth</c>). It hides the
        /// single-host <c>-ComputerName</c> of <see cref="AmiConnectionCmdlet"/>; each host is handed to the shared
        /// <c>BuildOptions</c> through the base property in turn, so every other connection setting means the same here.
        /// </summary>
        [Parameter(ParameterSetName = ComputerNameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Server", "HostName")]
        [ValidateNotNullOrEmpty]
        public new string[]? ComputerName { get; set; }

        [Parameter(ParameterSetName = SessionSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public AmiSession[]? Session { get; set; }

        /// <summary>The checks to run (wildcards allowed); all by default. Connection always runs.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(HealthCheckCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Check { get; set; }

        /// <summary>Overrides of the default levels: <c>@{ Channels = @{ Warning = 50; Critical = 100 } }</c>.</summary>
        [Parameter]
        public Hashtable? Threshold { get; set; }

        /// <summary>Only targets (trunks, endpoints, queues, channels) matching one of these wildcards.</summary>
        [Parameter]
        public string[]? Include { get; set; }

        /// <summary>No targets matching one of these wildcards.</summary>
        [Parameter]
        public string[]? Exclude { get; set; }

        /// <summary>How many PBXes are checked at once.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = AmiHealthFleet.DefaultThrottleLimit;

        /// <summary>How long each step (connect, login, each question) may take; default 10 s.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        // The parameters that say how to connect: with -Session (or the default session) the connection is made
        // already, so they would mean nothing there; refused rather than silently ignored.
        private static readonly string[] ConnectionParameters = { nameof(Port), nameof(Credential), nameof(AuthType), nameof(UseTls), nameof(SkipCertificateCheck) };

        // The connection parameters given on the command line (read in BeginProcessing, before any pipeline input
        // binds): a piped object with a Port or Credential property is not the caller asking for one.
        private string[] _connectionGiven = Array.Empty<string>();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _connectionGiven = ConnectionParameters.Where(IsGiven).ToArray();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SessionSet && _connectionGiven.Length > 0)
            {
                var names = string.Join(", ", _connectionGiven.Select(p => "-" + p));
                var error = new ArgumentException(
                    $"{names} cannot be used with -Session: a session is connected already, with its own host, port and credential, so {(_connectionGiven.Length == 1 ? "it" : "they")} would be ignored. "
                    + "Leave them out to check the session, or give -ComputerName (without -Session) to check over a new connection with them.");
                ThrowTerminatingError(AmiErrorIds.ParameterConflict.Record(error, names));
            }

            if (Session is not null)
            {
                _sessions.AddRange(Session);
            }

            if (ComputerName is not null)
            {
                var port = GivenPort;
                foreach (var name in ComputerName)
                {
                    // The same PBX twice (same name and port) is checked once.
                    if (!_hosts.Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase) && h.Port == port))
                    {
                        _hosts.Add((name, port, Credential));
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            AmiHealthRequest request;
            try
            {
                request = AmiHealthRequest.Create(Check, PlainThresholds(Threshold), Include, Exclude, Timeout);
            }
            catch (ArgumentException ex)
            {
                ThrowAmiError(ex, Threshold);
                return;
            }

            // Without -Session or -ComputerName the default session is checked, unless a connection parameter says
            // to connect (to AMI_HOST) instead: -Port or -Credential must never be dropped in silence.
            if (ParameterSetName == SessionSet || (_hosts.Count == 0 && AmiSessionStore.Default is not null && _connectionGiven.Length == 0))
            {
                CheckSessions(_sessions.Count > 0 ? _sessions : new List<AmiSession> { AmiSessionStore.Default! }, request);
                return;
            }

            CheckHosts(request);
        }

        // -Port when given (by name, or by a piped object's Port property), or null: the port from AMI_PORT or the default.
        private int? GivenPort => IsGiven(nameof(Port)) ? Port : null;

        private void CheckSessions(IReadOnlyList<AmiSession> sessions, AmiHealthRequest request) =>
            Await(AmiHealthFleet.CheckSessionsAsync(sessions.Distinct().ToArray(), request, ThrottleLimit, Queue, StopToken));

        private void CheckHosts(AmiHealthRequest request)
        {
            // No host at all means AMI_HOST, as for Connect-Ami; BuildOptions says so when that is missing too.
            var targets = _hosts.Count > 0 ? _hosts : new List<(string Name, int? Port, PSCredential? Credential)> { (null!, GivenPort, Credential) };
            var hosts = new List<(AmiSessionOptions, NetworkCredential)>();
            foreach (var target in targets)
            {
                // The shared BuildOptions reads the base class's -ComputerName and -Credential: hand it each host's in turn.
                base.ComputerName = target.Name;
                Credential = target.Credential;
                hosts.Add(ResolveConnection(options => target.Port is int port ? options with { Port = port } : options));
            }

            Await(AmiHealthFleet.CheckHostsAsync(hosts, request, ThrottleLimit, Queue, StopToken));
        }

        private void Queue(IReadOnlyList<AmiHealthResult> results) => Post(cmdlet =>
        {
            foreach (var result in results)
            {
                cmdlet.WriteObject(result);
            }
        });

        /// <summary>The dictionary with PowerShell's wrappers removed, so Core sees plain numbers and dictionaries.</summary>
        private static Hashtable? PlainThresholds(IDictionary? given)
        {
            if (given is null)
            {
                return null;
            }

            var plain = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in given)
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                plain[entry.Key is PSObject key ? key.BaseObject : entry.Key] = value is IDictionary inner ? PlainThresholds(inner) : value;
            }

            return plain;
        }
    }
}
