using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tracking;

namespace AmiPs.Commands
{
    /// <summary>Hangs up a call (every live channel of it) or one channel.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AmiCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = nameof(ParameterSets.ById))]
    [OutputType(typeof(void))]
    public sealed class StopAmiCallCommand : AmiSessionCmdlet
    {
        private enum ParameterSets
        {
            ById,
            ByCall,
            ByChannel,
        }

        // Not from the pipeline by property name: a piped session's own Id would bind here. Calls pipe as objects.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = nameof(ParameterSets.ById))]
        [Alias("CallId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CallIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>
        /// Calls from Get-AmiCall (every live leg is hung up) or channels from Get-AmiChannel; each object's Session
        /// binds -Session by property name. Typed as objects so both kinds bind here, never by a property of theirs.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = nameof(ParameterSets.ByCall), ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; } = new PSObject[0];

        [Parameter(Mandatory = true, ParameterSetName = nameof(ParameterSets.ByChannel))]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ChannelCompleter))]
        public string[] Channel { get; set; } = new string[0];

        /// <summary>The Q.850 cause to hang up with (default 16, normal clearing).</summary>
        [Parameter]
        [ValidateRange(0, 127)]
        public int Cause { get; set; } = 16;

        protected override void ProcessRecord()
        {
            foreach (var session in ResolveSessions())
            {
                foreach (var channel in ChannelsToHangUp(session))
                {
                    if (!ShouldProcess($"{channel} on {session.Name}", "Hang up"))
                    {
                        continue;
                    }

                    try
                    {
                        var action = new AmiAction("Hangup").Add("Channel", channel).Add("Cause", Cause.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        var response = Await(session.SendActionAsync(action, null, StopToken));
                        if (!response.IsSuccess && ParameterSetName != nameof(ParameterSets.ByChannel) && (response.Message?.IndexOf("No such channel", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0)
                        {
                            WriteVerbose($"{channel} had already hung up."); // hanging up one leg of a call ends the others
                        }
                        else if (!response.IsSuccess)
                        {
                            WriteError(AmiErrors.FromResponse(response));
                        }
                    }
                    catch (Exception ex) when (ex is AmiException or ArgumentException)
                    {
                        WriteAmiError(ex, channel);
                    }
                }
            }
        }

        private IEnumerable<string> ChannelsToHangUp(AmiSession session)
        {
            if (ParameterSetName == nameof(ParameterSets.ByChannel))
            {
                return Channel;
            }

            var channels = new List<string>();
            var ids = new List<string>(Id);
            foreach (var item in InputObject)
            {
                switch (item.BaseObject)
                {
                    case AmiCall call:
                        ids.Add(call.Id);
                        break;
                    case AmiLiveChannel live:
                        channels.Add(live.Name);
                        break;
                    default:
                        WriteError(AmiErrorIds.InvalidArgument.Record(
                            new ArgumentException($"Stop-AmiCall takes calls (Get-AmiCall) or channels (Get-AmiChannel) from the pipeline, not {item.BaseObject.GetType().Name}; pass -Id or -Channel."),
                            item));
                        break;
                }
            }

            foreach (var id in ids)
            {
                var call = session.Calls.GetCall(id);
                if (call is null || !call.IsActive)
                {
                    WriteError(AmiErrorIds.CallNotFound.Record(
                        new ItemNotFoundException($"No active call '{id}' on session '{session.Name}'."),
                        id));
                    continue;
                }

                foreach (var leg in call.Channels)
                {
                    if (leg.EndTime is null)
                    {
                        channels.Add(leg.Channel);
                    }
                }
            }

            return channels;
        }
    }
}
