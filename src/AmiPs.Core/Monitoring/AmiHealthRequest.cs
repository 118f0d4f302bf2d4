using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AmiPs.Client;

namespace AmiPs.Monitoring
{
    /// <summary>What to check and how to judge it: the checks, the thresholds, the target filter and the time one PBX may take.</summary>
    public sealed class AmiHealthRequest
    {
        private AmiHealthRequest(IReadOnlyList<IAmiHealthCheck> checks, AmiHealthThresholds thresholds, AmiTargetFilter filter, TimeSpan timeout)
        {
            Checks = checks;
            Thresholds = thresholds;
            Filter = filter;
            Timeout = timeout;
        }

        /// <summary>The names of the checks that run, in order.</summary>
        public IReadOnlyList<string> CheckNames => Checks.Select(c => c.Name).ToArray();

        public AmiHealthThresholds Thresholds { get; }

        public AmiTargetFilter Filter { get; }

        /// <summary>How long each step (connect, login, each question) may take.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>
        /// The most one PBX may take, from connect to the last answer: connect and login, then one step per check
        /// and one for the log-off. A fleet run takes at most this per round of <c>ThrottleLimit</c> PBXes.
        /// </summary>
        public TimeSpan HostBudget => TimeSpan.FromTicks(Timeout.Ticks * (Checks.Count + 3));

        internal IReadOnlyList<IAmiHealthCheck> Checks { get; }

        /// <exception cref="ArgumentException">An unknown check or threshold, a malformed threshold, or a timeout not above zero.</exception>
        public static AmiHealthRequest Create(IReadOnlyCollection<string>? checks, IDictionary? thresholds, IEnumerable<string>? include, IEnumerable<string>? exclude, TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("The timeout must be longer than zero.", nameof(timeout));
            }

            return new AmiHealthRequest(AmiHealthChecks.Resolve(checks), AmiHealthThresholds.Default.With(thresholds), new AmiTargetFilter(include, exclude), timeout);
        }

        /// <summary>
        /// <paramref name="options"/> made light for these checks: only the state they read is loaded, events are off
        /// unless a check reads them, no keep-alive, no reconnect, a small history, and this request's timeout per step.
        /// </summary>
        public AmiSessionOptions LightOptions(AmiSessionOptions options)
        {
            var track = Checks.Aggregate(AmiTrackedState.None, (all, c) => all | c.Needs);
            var classes = Checks.Select(c => c.EventClasses).Where(c => c is not null).Distinct().ToArray();
            return options with
            {
                Name = options.Name ?? "Test-AmiHealth " + options.ComputerName,
                Track = track,
                Events = classes.Length == 0 ? "off" : string.Join(",", classes),
                Reconnect = false,
                KeepAliveInterval = TimeSpan.Zero,
                ConnectTimeout = Timeout,
                ActionTimeout = Timeout,
                EventHistorySize = classes.Length == 0 ? 0 : 100,
                CompletedCallLimit = 0,
                LogCapacity = 100,
            };
        }
    }
}
