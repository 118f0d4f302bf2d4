using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Commands
{
    /// <summary>
    /// What <c>-EventType</c> asks for. Plain names filter in the subscription (nothing else is queued); with a
    /// wildcard (<c>Bridge*</c>) the subscription takes every event and the patterns are matched as events are read.
    /// </summary>
    internal sealed class EventTypeFilter
    {
        private readonly WildcardPattern[]? _patterns;

        public EventTypeFilter(IReadOnlyCollection<string>? eventTypes)
        {
            if (eventTypes is { Count: > 0 } && eventTypes.Any(WildcardPattern.ContainsWildcardCharacters))
            {
                _patterns = eventTypes.Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase)).ToArray();
            }
            else
            {
                Names = eventTypes is { Count: > 0 } ? eventTypes : null;
            }
        }

        /// <summary>The names for <see cref="AmiSubscriptionOptions.EventTypes"/>; null (every event) with wildcards.</summary>
        public IReadOnlyCollection<string>? Names { get; }

        public bool Matches(AmiEvent amiEvent) => _patterns is null || _patterns.Any(p => p.IsMatch(amiEvent.Event));
    }
}
