using System;
using System.Threading.Tasks;
using AmiPs.Events;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        /// <summary>
        /// After every login (the first one too): events that happened while the link was down are lost by the
        /// protocol, so the view is rebuilt from the PBX — <c>ExtensionStateList</c> for the extensions,
        /// <c>CoreShowChannels</c> for the live channels. Events handled meanwhile are newer than those lists and win
        /// over them. A failure here is logged, never fatal.
        /// </summary>
        private async Task ResyncAsync()
        {
            if ((Options.Track & (AmiTrackedState.Calls | AmiTrackedState.Extensions)) != 0)
            {
                await ResyncCallsAndExtensionsAsync().ConfigureAwait(false);
            }

            foreach (var tracker in _trackers)
            {
                try
                {
                    await tracker.ResyncAsync(this, _lifetime.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is AmiException or OperationCanceledException)
                {
                    Logger.LogWarning(AmiLogEvents.ResyncFailed, "Loading {Kind} after login failed: {Reason}", tracker.Kind, ex.Message);
                }
            }
        }

        private async Task ResyncCallsAndExtensionsAsync()
        {
            var started = DateTimeOffset.Now;
            Logger.LogDebug(AmiLogEvents.ResyncStarted, "Loading extension states and live channels");
            Extensions.BeginLoad();
            Calls.BeginResync();
            try
            {
                if ((Options.Track & AmiTrackedState.Extensions) != 0)
                {
                    await LoadExtensionsAsync().ConfigureAwait(false);
                }

                if ((Options.Track & AmiTrackedState.Calls) == 0)
                {
                    return;
                }

                var channels = await SendActionAsync(new AmiAction("CoreShowChannels"), null, _lifetime.Token).ConfigureAwait(false);
                if (!channels.IsSuccess)
                {
                    // A user without the rights for CoreShowChannels may still read Status (the same channel block).
                    var status = await SendActionAsync(new AmiAction("Status"), null, _lifetime.Token).ConfigureAwait(false);
                    channels = status.IsSuccess ? status : channels;
                }

                if (channels.IsSuccess)
                {
                    var result = Calls.Resync(channels.Events, started, DateTimeOffset.Now);
                    Logger.LogInformation(
                        AmiLogEvents.ResyncCompleted,
                        "Resynchronised: {Extensions} extensions, {Channels} live channels, {Closed} calls closed, {Added} calls found",
                        Extensions.Count,
                        channels.Events.Count,
                        result.CallsClosed,
                        result.CallsAdded);
                }
                else
                {
                    Logger.LogWarning(AmiLogEvents.ResyncFailed, "CoreShowChannels and Status refused ({Message}); calls are tracked from events only", channels.Message);
                }
            }
            catch (Exception ex) when (ex is AmiException or OperationCanceledException)
            {
                Logger.LogWarning(AmiLogEvents.ResyncFailed, "Loading state after login failed: {Reason}", ex.Message);
            }
            finally
            {
                // Whatever did not finish: stop noting changes for it.
                Extensions.EndLoad();
                Calls.EndResync();
            }
        }

        private async Task LoadExtensionsAsync()
        {
            var extensions = await SendActionAsync(new AmiAction("ExtensionStateList"), null, _lifetime.Token).ConfigureAwait(false);
            if (extensions.IsSuccess)
            {
                Extensions.Load(extensions.Events);
            }
            else if (extensions.Message?.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) < 0)
            {
                Extensions.Load(Array.Empty<AmiEvent>()); // a PBX with no hints at all answers with a plain error
            }
        }
    }
}
