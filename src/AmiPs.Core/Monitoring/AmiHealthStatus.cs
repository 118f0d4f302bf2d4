using System.Collections.Generic;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// The outcome of one check, with the Nagios plugin exit codes as values (0 OK, 1 Warning, 2 Critical, 3 Unknown).
    /// </summary>
    /// <remarks>
    /// Based on <see cref="long"/> on purpose: ConvertTo-Json (PowerShell 7 and Windows PowerShell 5.1 alike) writes an
    /// enum over a 64-bit integer by its name, so <c>Test-AmiHealth | ConvertTo-Json</c> says <c>"Critical"</c>, not 2.
    /// </remarks>
    public enum AmiHealthStatus : long
    {
        Ok = 0,
        Warning = 1,
        Critical = 2,
        Unknown = 3,
    }

    /// <summary>Which of several outcomes wins: Critical, then Unknown, then Warning, then Ok.</summary>
    /// <remarks>
    /// Unknown ranks below Critical so that a PBX that is down (Connection Critical, every other check Unknown) reads
    /// as Critical; it ranks above Warning because an unanswered check may hide something worse.
    /// </remarks>
    public static class AmiHealthSeverity
    {
        public static int Rank(AmiHealthStatus status) => status switch
        {
            AmiHealthStatus.Critical => 3,
            AmiHealthStatus.Unknown => 2,
            AmiHealthStatus.Warning => 1,
            _ => 0,
        };

        /// <summary>The worst of <paramref name="statuses"/>; Ok when there are none.</summary>
        public static AmiHealthStatus Worst(IEnumerable<AmiHealthStatus> statuses)
        {
            var worst = AmiHealthStatus.Ok;
            foreach (var status in statuses)
            {
                if (Rank(status) > Rank(worst))
                {
                    worst = status;
                }
            }

            return worst;
        }
    }
}
