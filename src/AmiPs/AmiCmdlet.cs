using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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
        /// <summary>The longest single wait on the pipeline thread: queued writes and Ctrl+C are seen at least this often.</summary>
        protected static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);

        private const int MaxWaitHandles = 60;
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

        /// <summary>
        /// Forwards a session's log to Verbose, Debug and Warning while the cmdlet runs, except the entries with the ids
        /// in <paramref name="except"/> (a failure the cmdlet reports as its error is not also a warning).
        /// </summary>
        protected IDisposable ForwardLog(AmiSession session, params int[] except) =>
            session.Log.Listen(entry =>
            {
                if (Array.IndexOf(except, entry.EventId) < 0)
                {
                    Post(cmdlet => cmdlet.WriteLogEntry(entry));
                }
            });

        /// <summary>Subscribes to each session, its log forwarded (but for <paramref name="exceptLog"/>) from just before.</summary>
        private protected SessionStreams OpenStreams(IReadOnlyList<AmiSession> sessions, AmiSubscriptionOptions options, params int[] exceptLog) =>
            new SessionStreams(sessions, options, session => ForwardLog(session, exceptLog));

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

        /// <summary>
        /// The one "wait in slices and watch Ctrl+C" of the module, on the pipeline thread: waits at most
        /// <paramref name="slice"/> for any of <paramref name="tasks"/>, a queued write or Ctrl+C, runs the queued
        /// writes, and throws <see cref="PipelineStoppedException"/> once Ctrl+C was pressed.
        /// </summary>
        protected void WaitSlice(IReadOnlyList<Task> tasks, TimeSpan slice)
        {
            var handles = new List<WaitHandle>(tasks.Count + 2) { _queued, StopToken.WaitHandle };
            if (tasks.Count <= MaxWaitHandles)
            {
                handles.AddRange(tasks.Select(task => ((IAsyncResult)task).AsyncWaitHandle));
            }
            else
            {
                handles.Add(((IAsyncResult)Task.WhenAny(tasks)).AsyncWaitHandle); // WaitAny takes at most 64 handles
            }

            WaitHandle.WaitAny(handles.ToArray(), slice > TimeSpan.Zero ? slice : TimeSpan.Zero);
            Drain();
            if (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Wait(Task task)
        {
            var tasks = new[] { task };
            while (!task.IsCompleted)
            {
                WaitSlice(tasks, Slice);
            }

            Drain();
        }
    }
}
