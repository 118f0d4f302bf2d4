using System.Collections;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Commands
{
    /// <summary>Completes <c>-EventType</c> with the event names AmiPs knows.</summary>
    public sealed class EventTypeCompleter : ValueCompleter
    {
        protected override IEnumerable<string> Values(IDictionary? fakeBoundParameters) => AmiEventNames.Known;
    }
}
