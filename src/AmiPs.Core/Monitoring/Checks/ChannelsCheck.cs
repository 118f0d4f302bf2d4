using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;

namespace AmiPs.Monitoring.Checks
{
    /// <summary><c>Channels</c>: active channels, from <c>CoreStatus</c> (<c>CoreCurrentCalls</c> counts channels), else by counting <c>CoreShowChannels</c>.</summary>
    internal sealed class ChannelsCheck : IAmiHealthCheck
    {
        public string Name => "Channels";

        public AmiTrackedState Needs => AmiTrackedState.None;

        public string? EventClasses => null;

        public async Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken)
        {
            var status = await context.Probe.CoreStatusAsync(cancellationToken).ConfigureAwait(false);
            int count;
            if (status.IsSuccess && AmiValues.ParseInt(status["CoreCurrentCalls"]) is int current)
            {
                count = current;
            }
            else
            {
                try
                {
                    count = (await context.Probe.ChannelsAsync(cancellationToken).ConfigureAwait(false)).Count;
                }
                catch (AmiResponseException ex)
                {
                    return new[] { context.Result(Name, null, AmiHealthStatus.Unknown, $"the server answered neither CoreStatus ({status.Message}) nor CoreShowChannels ({ex.Message})") };
                }
            }

            var message = string.Format(CultureInfo.InvariantCulture, "{0} active channel{1}", count, count == 1 ? string.Empty : "s");
            return new[] { context.Thresholds[AmiHealthThresholds.Channels].Judge(context, Name, null, count, message) };
        }
    }
}
