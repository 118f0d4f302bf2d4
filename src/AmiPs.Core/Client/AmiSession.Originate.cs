using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;
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
                    if (amiEvent is not OriginateResponseEvent answer || answer.ActionId != response.ActionId)
                    {
                        continue;
                    }

                    if (answer.Uniqueid is { } uniqueid && Calls.FindByChannel(uniqueid) is { } matched)
                    {
                        return matched;
                    }

                    if (Calls.GetCall(channelId) is { } late)
                    {
                        return late;
                    }

                    throw new AmiOriginateException(request.Channel, answer.Result);
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
                var call = Calls.GetCall(callId) ?? throw new AmiCallNotFoundException(callId, Name);
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

        /// <summary>
        /// Waits for the next event of <paramref name="events"/> (the tracker has applied it by then) until the deadline:
        /// a timeout is an <see cref="AmiTimeoutException"/>, a closed session an <see cref="AmiConnectionException"/>.
        /// </summary>
        private async Task WaitAsync(AmiSubscription events, DateTimeOffset deadline, string what, CancellationToken cancellationToken)
        {
            var left = deadline - DateTimeOffset.Now;
            if (left <= TimeSpan.Zero)
            {
                throw new AmiTimeoutException($"Timed out waiting for {what}.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(left);
            bool open;
            try
            {
                open = await events.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AmiTimeoutException($"Timed out waiting for {what}.");
            }

            if (!open)
            {
                throw new AmiConnectionException(AmiConnectionFailure.Closed, $"Session '{Name}' closed while waiting for {what}.");
            }
        }
    }

    /// <summary>An Originate the PBX could not start (no channel was created).</summary>
    public sealed class AmiOriginateException : AmiException
    {
        public AmiOriginateException(string channel, AmiOriginateReason? reason)
            : base($"The call to {channel} could not be started: {Describe(reason)}.")
        {
            Channel = channel;
            Reason = reason;
        }

        public string Channel { get; }

        /// <summary>The <c>Reason</c> of the <c>OriginateResponse</c> (Failed, Hangup, Ringing, Busy, Congestion, ...); null when none was sent.</summary>
        public AmiOriginateReason? Reason { get; }

        // The words come from the one originate-reason table, AmiStateText.DescribeOriginateReason.
        private static string Describe(AmiOriginateReason? reason) => reason is { } known
            ? $"{AmiStateText.DescribeOriginateReason((int)known)} (reason {((int)known).ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : "no reason given";
    }
}
