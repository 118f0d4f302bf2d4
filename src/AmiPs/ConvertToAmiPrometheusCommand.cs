using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>Sessions' figures and PBX objects, and health results, as Prometheus text exposition format (one string).</summary>
    [Cmdlet(VerbsData.ConvertTo, "AmiPrometheus")]
    [OutputType(typeof(string))]
    public sealed class ConvertToAmiPrometheusCommand : AmiMetricCmdlet
    {
        protected override void EndProcessing() => WriteObject(RenderMetrics());
    }
}
