using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// One built-in check: it reads a session (and what the session tracks) and yields results. A check never throws
    /// for what the PBX cannot answer: that is an Unknown result saying why.
    /// </summary>
    internal interface IAmiHealthCheck
    {
        /// <summary>The name <c>-Check</c> takes and results carry.</summary>
        string Name { get; }

        /// <summary>What a light session must load for this check (<see cref="AmiTrackedState.None"/> for most).</summary>
        AmiTrackedState Needs { get; }

        /// <summary>The event classes the check reads at login (<c>system</c> for <c>FullyBooted</c>'s uptime), or null.</summary>
        string? EventClasses { get; }

        Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken);
    }
}
