using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Tracking;

namespace AmiPs.Client
{
    public sealed partial class AmiSession
    {
        private static readonly string[] OriginateEvents = { "Newchannel", "OriginateResponse" };
        private static readonly string[] EndEvents = { "Hangup" };

        /// <summary>
        /// Originates a call (asynchronously on the PBX) and returns its record as soon as its first channel exists.
        /// The call's id is set through <c>ChannelId</c>; servers that ignore it are matched by the
        /// <c>OriginateResponse</c> instead.
        /// </summary>
        public async Task<AmiCall> OriginateAsync(AmiOriginateRequest request, CancellationToken cancellationToken = default)
        {
            var channelId = "amips-" + Guid.NewGuid().ToString("N").Substring(0, 16);
            var action = request.ToAction(channelId);
            using var events = Subscribe(new AmiSubscriptionOptions { EventTypes = OriginateEvents });
            var response = await SendActionAsync(action, null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new AmiResponseException(response);
            }

            var deadline = DateTimeOffset.Now + request.Timeout + Options.ActionTimeout;
            while (true)
            {
                if (Calls.GetCall(channelId) is { } call)
                {
                    return call;
                }

                while (events.TryRead(out var amiEvent))
                {
                    if (amiEvent.Event != "OriginateResponse" || amiEvent.ActionId != response.ActionId)
                    {
                        continue;
                    }

                    if (amiEvent["Uniqueid"] is { } uniqueid && Calls.FindByChannel(uniqueid) is { } matched)
                    {
                        return matched;
                    }

                    if (Calls.GetCall(channelId) is { } late)
                    {
                        return late;
                    }

                    throw new AmiOriginateException(request.Channel, amiEvent["Reason"]);
                }

                await WaitAsync(events, deadline, $"the call to {request.Channel} to start", cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Waits until the call has ended and returns its final record.</summary>
        public async Task<AmiCall> WaitForCallEndAsync(string callId, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            using var events = Subscribe(new AmiSubscriptionOptions { EventTypes = EndEvents });
            var deadline = DateTimeOffset.Now + timeout;
            while (true)
            {
                var call = Calls.GetCall(callId) ?? throw new InvalidOperationException($"No call '{callId}' on session '{Name}'.");
                if (!call.IsActive)
                {
                    return call;
                }

                while (events.TryRead(out _))
                {
                }

                await WaitAsync(events, deadline, $"call {callId} to end", cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task WaitAsync(AmiSubscription events, DateTimeOffset deadline, string what, CancellationToken cancellationToken)
        {
            var left = deadline - DateTimeOffset.Now;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
            try
            {
                if (!await events.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    throw new AmiConnectionException(AmiConnectionFailure.Closed, $"Session '{Name}' closed while waiting for {what}.");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slice of the wait passed; look at the tracker again.
            }
        }
    }

    /// <summary>An Originate the PBX could not start (no channel was created).</summary>
    public sealed class AmiOriginateException : AmiException
    {
        public AmiOriginateException(string channel, string? reason)
            : base($"The call to {channel} could not be started: {Describe(reason)}.")
        {
            Channel = channel;
            Reason = reason;
        }

        public string Channel { get; }

        /// <summary>The <c>Reason</c> of the <c>OriginateResponse</c>: 0 failed, 1 hung up, 3 ringing, 4 answered, 5 busy, 8 congestion.</summary>
        public string? Reason { get; }

        private static string Describe(string? reason) => reason switch
        {
            "0" => "the channel could not be created (reason 0: failed, unavailable or unknown)",
            "1" => "it was hung up (reason 1)",
            "3" => "it rang out (reason 3)",
            "5" => "busy (reason 5)",
            "8" => "congestion (reason 8)",
            _ => "reason " + (reason ?? "unknown"),
        };
    }
}
