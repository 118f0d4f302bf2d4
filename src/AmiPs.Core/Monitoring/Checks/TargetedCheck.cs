using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// A check with one result per target (trunk, endpoint, queue) read from what the session tracks: Unknown when the
    /// session does not have it (not tracked, not loaded, missing on the PBX), an Ok line when no target is left after
    /// <c>-Include</c>/<c>-Exclude</c>, else each target judged.
    /// </summary>
    internal abstract class TargetedCheck<T> : IAmiHealthCheck
    {
        private readonly string _targets;

        protected TargetedCheck(string name, AmiTrackedState needs, string targets)
        {
            Name = name;
            Needs = needs;
            _targets = targets;
        }

        public string Name { get; }

        public AmiTrackedState Needs { get; }

        public string? EventClasses => null;

        public Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken) => Task.FromResult(Run(context));

        /// <summary>Why the session cannot answer (an Unknown result), or null when it can.</summary>
        protected abstract AmiHealthResult? Unavailable(AmiHealthContext context);

        protected abstract IReadOnlyList<T> Targets(AmiHealthContext context);

        protected abstract string TargetName(T target);

        protected abstract AmiHealthResult Judge(AmiHealthContext context, T target);

        /// <summary>An Unknown result when the session does not track <see cref="Needs"/>, else null.</summary>
        protected AmiHealthResult? NotTracked(AmiHealthContext context) =>
            context.Session.IsTracking(Needs)
                ? null
                : context.Result(Name, null, AmiHealthStatus.Unknown, $"session '{context.Session.Name}' does not track {_targets} (Connect-Ami tracks them; or Test-AmiHealth -ComputerName)");

        /// <summary>
        /// An Unknown result when the SIP tracker's last load failed (the server has no PJSIP nor chan_sip, or refused
        /// the list) or never ran, saying why; else null.
        /// </summary>
        protected AmiHealthResult? NotLoaded(AmiHealthContext context, string? loadError, DateTimeOffset? loadedAt)
        {
            if (NotTracked(context) is { } notTracked)
            {
                return notTracked;
            }

            if (loadError is { Length: > 0 })
            {
                return context.Result(Name, null, AmiHealthStatus.Unknown, loadError);
            }

            return loadedAt is null ? context.Result(Name, null, AmiHealthStatus.Unknown, $"the {_targets} were not loaded after login (Get-AmiLog says why)") : null;
        }

        private IReadOnlyList<AmiHealthResult> Run(AmiHealthContext context)
        {
            if (Unavailable(context) is { } unknown)
            {
                return new[] { unknown };
            }

            var all = Targets(context);
            var chosen = all.Where(t => context.Filter.Selects(TargetName(t))).ToList();
            if (chosen.Count == 0)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Ok, all.Count == 0 ? $"no {_targets} configured" : $"none of the {_targets} matches -Include/-Exclude") };
            }

            return chosen.Select(t => Judge(context, t)).ToArray();
        }
    }
}
