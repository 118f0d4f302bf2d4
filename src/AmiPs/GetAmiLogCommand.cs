using System;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using Microsoft.Extensions.Logging;

namespace AmiPs.Commands
{
    /// <summary>
    /// Reads a session's background log: what happened while no cmdlet was running (connects, reconnects, drops,
    /// protocol errors, resyncs). The log is bounded (the newest entries are kept); secrets never appear in it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AmiLog")]
    [OutputType(typeof(AmiLogEntry))]
    public sealed class GetAmiLogCommand : AmiSessionCmdlet
    {
        /// <summary>The lowest level to show (default Debug: everything kept).</summary>
        [Parameter(Position = 0)]
        public LogLevel Level { get; set; } = LogLevel.Debug;

        [Parameter]
        public DateTimeOffset Since { get; set; }

        /// <summary>Only the newest N entries (per session).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Newest { get; set; }

        protected override void ProcessRecord()
        {
            var since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : (DateTimeOffset?)null;
            foreach (var session in ResolveSessions())
            {
                var entries = session.Log.GetEntries(Level, since);
                var skip = Newest > 0 ? Math.Max(0, entries.Count - Newest) : 0;
                WriteObject(entries.Skip(skip), enumerateCollection: true);
            }
        }
    }
}
