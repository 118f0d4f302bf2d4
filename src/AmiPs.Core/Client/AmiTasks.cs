using System;
using System.Threading;
using System.Threading.Tasks;

namespace AmiPs.Client
{
    /// <summary>
    /// Awaits a task or a cancellation, whichever comes first: the one copy of that idea in AmiPs (action responses,
    /// subscription waits, the simulator's flush, the cmdlets' waits). The registration on the token is removed when
    /// the wait ends either way, so repeated waits leave nothing behind on the token.
    /// </summary>
    internal static class AmiTasks
    {
        /// <summary>
        /// Completes as <paramref name="task"/> does, or throws <see cref="OperationCanceledException"/> for
        /// <paramref name="cancellationToken"/> if that is cancelled first (the task itself goes on). A task that is
        /// already complete wins over a cancelled token.
        /// </summary>
        public static async Task WaitOrCancelAsync(Task task, CancellationToken cancellationToken)
        {
            if (!task.IsCompleted && cancellationToken.CanBeCanceled)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
                {
                    await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
                }

                if (!task.IsCompleted)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            await task.ConfigureAwait(false);
        }

        /// <summary>
        /// Whether <paramref name="task"/> completed within <paramref name="timeout"/> (or <paramref name="cancellationToken"/>,
        /// if that is cancelled first). Never throws for the timeout or the token: the answer is whether the task is done
        /// when the wait ends, so a task that completes just as the time runs out counts as done. The timer is freed as
        /// soon as the wait ends.
        /// </summary>
        public static async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await WaitOrCancelAsync(task, limit.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return task.IsCompleted;
            }
        }

        /// <summary>The result of <paramref name="task"/>, or <see cref="OperationCanceledException"/> as <see cref="WaitOrCancelAsync(Task, CancellationToken)"/>.</summary>
        public static async Task<T> WaitOrCancelAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            await WaitOrCancelAsync((Task)task, cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }
    }
}
