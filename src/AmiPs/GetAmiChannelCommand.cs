using System;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lists the channels up on the PBX now (<c>CoreShowChannels</c>); <c>-LongerThan</c> finds stuck calls. Pipe the
    /// result to <c>Stop-AmiCall</c> to hang them up.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AmiChannel")]
    [OutputType(typeof(AmiLiveChannel))]
    public sealed class GetAmiChannelCommand : AmiSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ChannelNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only channels up longer than this (<c>00:30:00</c>, <c>1h</c>, <c>90</c> seconds).</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan? LongerThan { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new NameFilter(Name);
            foreach (var session in ResolveSessions())
            {
                try
                {
                    foreach (var channel in Await(session.GetLiveChannelsAsync(StopToken)))
                    {
                        if (filter.IsMatch(channel.Name) && (LongerThan is null || channel.GetDuration() > LongerThan))
                        {
                            WriteObject(channel);
                        }
                    }
                }
                catch (AmiException ex)
                {
                    WriteAmiError(ex, session);
                }
            }

            foreach (var error in filter.NotFound("live channel", AmiErrorIds.ChannelNotFound))
            {
                WriteError(error);
            }
        }
    }
}
