using System;
using System.Linq;
using AmiPs.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AmiPs.Tests.Cmdlets
{
    /// <summary>What Get-AmiLog reads (AmiSessionLog.GetEntries) keeps the rare entries under a flood of Debug lines (issue 11.4).</summary>
    public sealed class GetAmiLogTests
    {
        [Fact]
        public void A_flood_of_debug_lines_does_not_push_out_connects_and_warnings()
        {
            var log = new AmiSessionLog("pbx", 100, NullLoggerFactory.Instance);
            log.LogInformation(AmiLogEvents.Authenticated, "Authenticated as admin");
            log.LogWarning(AmiLogEvents.ReconnectScheduled, "Scheduling reconnection attempt 1/10");
            for (var i = 0; i < 10_000; i++)
            {
                log.LogDebug(AmiLogEvents.ExtensionStatusUpdated, "Extension status updated {N}", i);
            }

            log.LogInformation(AmiLogEvents.Reconnected, "Reconnected");

            var all = log.GetEntries();
            Assert.Equal(100, all.Count(e => e.Level == LogLevel.Debug));
            Assert.Equal(new[] { "Authenticated as admin", "Scheduling reconnection attempt 1/10", "Reconnected" }, log.GetEntries(LogLevel.Information).Select(e => e.Message));
            Assert.Equal("Authenticated as admin", all[0].Message); // oldest first, the groups merged in the order logged
            Assert.Equal("Extension status updated 9900", all[2].Message);
            Assert.Equal("Reconnected", all[all.Count - 1].Message);
        }
    }
}
