using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Checks
{
    /// <summary>
    /// <c>LongCalls</c>: channels up longer than the levels (a stuck channel holds a trunk line). One result; its
    /// value is the longest channel's age in seconds, and the message names the channels past the Warning level.
    /// <c>-Include</c>/<c>-Exclude</c> select channels by name.
    /// </summary>
    internal sealed class LongCallsCheck : IAmiHealthCheck
    {
        private const int NamedChannels = 5;

        public string Name => "LongCalls";

        public AmiTrackedState Needs => AmiTrackedState.None;

        public string? EventClasses => null;

        public async Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken)
        {
            IReadOnlyList<AmiLiveChannel> live;
            try
            {
                live = await context.Probe.ChannelsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AmiResponseException ex)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Unknown, "CoreShowChannels refused: " + ex.Message) };
            }

            var channels = live
                .Select(c => (c.Name, Age: c.GetDuration()))
                .Where(c => context.Filter.Selects(c.Name))
                .OrderByDescending(c => c.Age)
                .ToList();
            var threshold = context.Thresholds[AmiHealthThresholds.LongCalls];
            var longest = channels.Count == 0 ? TimeSpan.Zero : channels[0].Age;
            var limit = threshold.Warning ?? threshold.Critical;
            var over = limit is { } seconds ? channels.Where(c => c.Age.TotalSeconds >= seconds).ToList() : new List<(string Name, TimeSpan Age)>();

            string message;
            if (channels.Count == 0)
            {
                message = "no active channels";
            }
            else if (over.Count == 0)
            {
                message = $"no channel up longer than {Limit(limit)} (longest {AmiDurationText.Format(longest)})";
            }
            else
            {
                var named = string.Join(", ", over.Take(NamedChannels).Select(c => $"{c.Name} ({AmiDurationText.Format(c.Age)})"));
                var more = over.Count > NamedChannels ? $" and {over.Count - NamedChannels} more" : string.Empty;
                message = string.Format(CultureInfo.InvariantCulture, "{0} channel{1} up {2} or longer: {3}{4}", over.Count, over.Count == 1 ? string.Empty : "s", Limit(limit), named, more);
            }

            return new[] { threshold.Judge(context, Name, null, Math.Floor(longest.TotalSeconds), message) };
        }

        private static string Limit(double? seconds) => seconds is { } s ? AmiDurationText.Format(TimeSpan.FromSeconds(s)) : "any limit";
    }
}
