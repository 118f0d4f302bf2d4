using System.Collections;
using System.Collections.Generic;
using AmiPs.Monitoring;

namespace AmiPs.Commands
{
    /// <summary>Completes <c>-Check</c> with the built-in check names.</summary>
    public sealed class HealthCheckCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) => AmiHealthChecks.Names;
    }
}
