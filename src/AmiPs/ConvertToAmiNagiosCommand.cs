using System;
using System.Collections.Generic;
using System.Management.Automation;
using AmiPs.Monitoring;
using AmiPs.Monitoring.Formats;

namespace AmiPs.Commands
{
    /// <summary>Turns health results into a Nagios/Icinga plugin's output and exit code (the worst result wins).</summary>
    [Cmdlet(VerbsData.ConvertTo, "AmiNagios")]
    [OutputType(typeof(AmiNagiosResult))]
    public sealed class ConvertToAmiNagiosCommand : PSCmdlet
    {
        private readonly List<AmiHealthResult> _results = new List<AmiHealthResult>();

        /// <summary>Results of Test-AmiHealth, also after a job or remoting.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public PSObject[]? InputObject { get; set; }

        protected override void ProcessRecord() => AmiHealthResultCollector.Collect(this, InputObject, _results);

        protected override void EndProcessing() => WriteObject(AmiNagiosFormatter.Format(_results));
    }
}
