using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Tracking
{
    /// <summary>The queue tracker's load after each login, and the wait for a change the cmdlets asked the PBX for.</summary>
    public sealed partial class AmiQueueTracker : IAmiStateTracker
    {
        AmiTrackedState IAmiStateTracker.Kind => AmiTrackedState.Queues;

        void IAmiStateTracker.Apply(AmiEvent amiEvent) => Apply(amiEvent);

        async Task IAmiStateTracker.ResyncAsync(AmiSession session, CancellationToken cancellationToken)
        {
            BeginLoad();
            try
            {
                var response = await session.SendActionAsync(new AmiAction("QueueStatus"), null, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    var items = response.Events;
                    var end = response.Completion?.Received ?? (items.Count > 0 ? items[items.Count - 1].Received : DateTimeOffset.MinValue);
                    Load(items, end);
                }
                else if (QueueModuleCheck.IsMissing(response))
                {
                    SetMissing();
                }
                else if (response.Message?.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    // A user who may not read queues: nothing to load, and no warning at every login (as for extensions).
                }
                else
                {
                    throw new AmiResponseException(response);
                }
            }
            finally
            {
                EndLoad();
            }
        }

        /// <summary>
        /// Waits until <paramref name="condition"/> holds for the member (null when it is not there), as events report
        /// it, or until <paramref name="timeout"/>; returns the member as it is then. The cmdlets that change a member
        /// use it to return the member as it is afterwards.
        /// </summary>
        public async Task<AmiQueueMember?> WaitForMemberAsync(string queue, string @interface, Func<AmiQueueMember?, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (condition is null)
            {
                throw new ArgumentNullException(nameof(condition));
            }

            var met = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(string name)
            {
                if ((name.Length == 0 || string.Equals(name, queue, StringComparison.OrdinalIgnoreCase)) && condition(GetMember(queue, @interface)))
                {
                    met.TrySetResult(true);
                }
            }

            Changed += OnChanged;
            try
            {
                if (!condition(GetMember(queue, @interface)))
                {
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timer.CancelAfter(timeout);
                    using (timer.Token.Register(() => met.TrySetResult(false)))
                    {
                        await met.Task.ConfigureAwait(false);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }

                return GetMember(queue, @interface);
            }
            finally
            {
                Changed -= OnChanged;
            }
        }
    }

    /// <summary>
    /// Tells whether an error answer means the PBX lacks app_queue. Today it reads the answer to <c>QueueStatus</c>;
    /// once sessions know the server's modules (<c>Capabilities</c>), this is the one place to ask them instead.
    /// </summary>
    internal static class QueueModuleCheck
    {
        internal static bool IsMissing(AmiResponse response) =>
            !response.IsSuccess && response.Message is { } message
            && (message.IndexOf("Invalid/unknown command", StringComparison.OrdinalIgnoreCase) >= 0
                || message.IndexOf("No such command", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
