using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using Microsoft.Extensions.Logging;

namespace AmiPs.Commands
{
    /// <summary>
    /// Base of the AmiPs cmdlets. Background threads never write to PowerShell's streams: they queue what they have
    /// to say, and the pipeline thread drains the queue while it waits (the pattern of PowerShell's
    /// PSTaskDataStreamWriter). Ctrl+C cancels <see cref="StopToken"/> from StopProcessing.
    /// </summary>
    public abstract class AmiCmdlet : PSCmdlet, IDisposable
    {
        private readonly ConcurrentQueue<Action<AmiCmdlet>> _queue = new ConcurrentQueue<Action<AmiCmdlet>>();
        private readonly AutoResetEvent _queued = new AutoResetEvent(false);
        private CancellationTokenSource _stopping = new CancellationTokenSource();
        private int _pipelineThread;

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
        protected CancellationToken StopToken => _stopping.Token;

        public void Dispose()
        {
            _stopping.Dispose();
            _queued.Dispose();
            GC.SuppressFinalize(this);
        }

        protected override void BeginProcessing()
        {
            _pipelineThread = Thread.CurrentThread.ManagedThreadId;
            if (_stopping.IsCancellationRequested)
            {
                _stopping.Dispose();
                _stopping = new CancellationTokenSource();
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Queues a write to the pipeline thread; safe from any thread.</summary>
        protected void Post(Action<AmiCmdlet> write)
        {
            _queue.Enqueue(write);
            _queued.Set();
        }

        /// <summary>Runs queued writes; pipeline thread only.</summary>
        protected void Drain()
        {
            if (Thread.CurrentThread.ManagedThreadId != _pipelineThread)
            {
                throw new InvalidOperationException("AmiPs wrote to the pipeline from a background thread.");
            }

            while (_queue.TryDequeue(out var write))
            {
                write(this);
            }
        }

        /// <summary>Waits for <paramref name="task"/> on the pipeline thread, draining queued writes; Ctrl+C stops the wait.</summary>
        protected T Await<T>(Task<T> task)
        {
            Wait(task);
            return task.GetAwaiter().GetResult();
        }

        protected void Await(Task task)
        {
            Wait(task);
            task.GetAwaiter().GetResult();
        }

        /// <summary>Forwards a session's log to Verbose, Debug and Warning while the cmdlet runs.</summary>
        protected IDisposable ForwardLog(AmiSession session) => session.Log.Listen(entry => Post(cmdlet => cmdlet.WriteLogEntry(entry)));

        protected void WriteAmiError(Exception exception, object? target) => WriteError(AmiErrors.ToErrorRecord(exception, target));

        protected void ThrowAmiError(Exception exception, object? target) => ThrowTerminatingError(AmiErrors.ToErrorRecord(exception, target));

        /// <summary>The login credential: the given one, else <c>AMI_USERNAME</c>/<c>AMI_PASSWORD</c>; there is no default.</summary>
        /// <exception cref="ArgumentException">Neither is there, with a message that says what to pass or set.</exception>
        protected static NetworkCredential ResolveCredential(PSCredential? credential) =>
            credential?.GetNetworkCredential() ?? AmiEnvironment.Credential()
            ?? throw new ArgumentException($"No credential: pass -Credential, or set {AmiEnvironment.Username} and {AmiEnvironment.Password}.");

        private void WriteLogEntry(AmiLogEntry entry)
        {
            switch (entry.Level)
            {
                case LogLevel.Trace:
                case LogLevel.Debug:
                    WriteDebug(entry.Message);
                    break;
                case LogLevel.Information:
                    WriteVerbose(entry.Message);
                    break;
                default:
                    WriteWarning(entry.Message);
                    break;
            }
        }

        private void Wait(Task task)
        {
            var handles = new WaitHandle[] { ((IAsyncResult)task).AsyncWaitHandle, _queued, StopToken.WaitHandle };
            while (!task.IsCompleted)
            {
                WaitHandle.WaitAny(handles, 250);
                Drain();
                if (StopToken.IsCancellationRequested && !task.IsCompleted)
                {
                    throw new PipelineStoppedException();
                }
            }

            Drain();
        }
    }
}
