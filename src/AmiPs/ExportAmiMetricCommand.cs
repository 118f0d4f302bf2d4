using System.IO;
using System.Management.Automation;
using AmiPs.Monitoring.Formats;

namespace AmiPs.Commands
{
    /// <summary>
    /// Writes what ConvertTo-AmiPrometheus gives to a file atomically (a temporary file in the same folder renamed over
    /// the target), for node_exporter's textfile collector.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AmiMetric", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAmiMetricCommand : AmiMetricCmdlet
    {
        /// <summary>The file to write, such as <c>/var/lib/node_exporter/textfile/asterisk.prom</c>.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Writes the file's FileInfo after writing it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var text = RenderMetrics();
            if (!ShouldProcess(path, "Write metrics"))
            {
                return;
            }

            try
            {
                AmiMetricFile.WriteAtomic(path, text);
            }
            catch (System.Exception ex) when (ex is IOException or System.UnauthorizedAccessException or System.ArgumentException)
            {
                ThrowTerminatingError(AmiErrorIds.MetricWriteFailed.Record(ex, path));
            }

            if (PassThru)
            {
                WriteObject(new FileInfo(path));
            }
        }
    }
}
