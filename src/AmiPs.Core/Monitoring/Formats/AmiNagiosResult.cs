namespace AmiPs.Monitoring.Formats
{
    /// <summary>What a Nagios or Icinga plugin prints and returns: <see cref="Output"/> on stdout, then exit with <see cref="ExitCode"/>.</summary>
    public sealed class AmiNagiosResult
    {
        internal AmiNagiosResult(string output, AmiHealthStatus status)
        {
            Output = output;
            Status = status;
        }

        /// <summary>The plugin text: <c>AMI STATUS - summary | perfdata</c>, then one line per result.</summary>
        public string Output { get; }

        /// <summary>0 OK, 1 Warning, 2 Critical, 3 Unknown: the worst result's.</summary>
        public int ExitCode => (int)Status;

        /// <summary>The worst status of the results.</summary>
        public AmiHealthStatus Status { get; }

        public override string ToString() => Output;
    }
}
