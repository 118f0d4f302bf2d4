using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Monitoring;
using AmiPs.Monitoring.Formats;

namespace AmiPs.Commands
{
    /// <summary>
    /// The Prometheus cmdlets' input: sessions (<c>-Session</c>; the default session when nothing else is given) and
    /// health results from the pipeline; <see cref="RenderMetrics"/> makes the exposition text of both.
    /// </summary>
    public abstract class AmiMetricCmdlet : AmiCmdlet
    {
        private readonly List<AmiHealthResult> _results = new List<AmiHealthResult>();

        /// <summary>Sessions whose figures and PBX objects to export.</summary>
        [Parameter]
        [ValidateNotNull]
        [AmiSessionTransformation]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public AmiSession[]? Session { get; set; }

        /// <summary>Results of Test-AmiHealth, exported as <c>amips_check_status</c>.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public PSObject[]? InputObject { get; set; }

        protected override void ProcessRecord() => AmiHealthResultCollector.Collect(this, InputObject, _results);

        /// <summary>The metrics text; waits on the pipeline thread for the server's answers.</summary>
        protected string RenderMetrics()
        {
            IReadOnlyList<AmiSession> sessions = Session ?? (_results.Count == 0 && AmiSessionStore.Default is { } fallback ? new[] { fallback } : new AmiSession[0]);
            if (sessions.Count == 0 && _results.Count == 0)
            {
                ThrowTerminatingError(AmiErrors.NoSession());
            }

            return Await(AmiPrometheusExporter.FormatAsync(sessions.Distinct(), _results, StopToken));
        }
    }
}
