using System;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Monitoring.Checks;

namespace AmiPs.Monitoring
{
    /// <summary>The built-in checks, in the order they run and report.</summary>
    public static class AmiHealthChecks
    {
        private static readonly IAmiHealthCheck[] BuiltIn =
        {
            new ConnectionCheck(),
            new UptimeCheck(),
            new ChannelsCheck(),
            new LongCallsCheck(),
            new RegistrationsCheck(),
            new EndpointsCheck(),
            new QueuesCheck(),
        };

        /// <summary>The names <c>-Check</c> takes.</summary>
        public static IReadOnlyList<string> Names { get; } = BuiltIn.Select(c => c.Name).ToArray();

        /// <summary>
        /// The checks named (wildcards allowed, case-insensitive), in their built-in order; all of them when none are
        /// named. <c>Connection</c> is always part of a run: every other check reads through the connection it proves.
        /// </summary>
        /// <exception cref="ArgumentException">A name that matches no check.</exception>
        internal static IReadOnlyList<IAmiHealthCheck> Resolve(IReadOnlyCollection<string>? names)
        {
            if (names is null || names.Count == 0)
            {
                return BuiltIn;
            }

            var chosen = new HashSet<IAmiHealthCheck> { BuiltIn[0] };
            foreach (var name in names)
            {
                var filter = new AmiTargetFilter(new[] { name }, null);
                var matches = BuiltIn.Where(c => filter.Selects(c.Name)).ToList();
                if (matches.Count == 0)
                {
                    throw new ArgumentException($"Unknown check '{name}'. Known checks: {string.Join(", ", Names)}.");
                }

                chosen.UnionWith(matches);
            }

            return BuiltIn.Where(chosen.Contains).ToArray();
        }
    }
}
