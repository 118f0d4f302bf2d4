using System;
using System.Diagnostics;
using System.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Events;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>
    /// One socket's life: connect (TCP, optionally TLS), read the banner, then read continuously — Asterisk drops a
    /// client that stops reading (<c>writetimeout</c>) — handing responses to the correlator and everything else to
    /// the session. Every failure goes through <see cref="Abort"/>, which fails pending actions at once.
    /// </summary>
    internal sealed partial class AmiConnection : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly Stream _stream;
        private readonly PipeReader _reader;
        private readonly PipeWriter _writer;
        private readonly AmiFrameParser _parser;
        private readonly ActionCorrelator _correlator;
        private readonly ConnectionCallbacks _callbacks;
        private readonly ILogger _logger;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private readonly TaskCompletionSource<Exception?> _closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _lifetime = new CancellationTokenSource();
        // When the reader began waiting for bytes; 0 while it is busy with what arrived.
        private long _listeningSinceTicks;
        private int _disposed;

        private AmiConnection(TcpClient tcp, Stream stream, AmiFrameParser parser, string banner, ActionCorrelator correlator, ConnectionCallbacks callbacks, ILogger logger)
        {
            _tcp = tcp;
            _stream = stream;
            _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
            _writer = PipeWriter.Create(stream);
            _parser = parser;
            _correlator = correlator;
            _callbacks = callbacks;
            _logger = logger;
            Banner = banner;
            var slash = banner.LastIndexOf('/');
            AmiVersion = slash >= 0 ? banner.Substring(slash + 1) : banner;
            _listeningSinceTicks = Stopwatch.GetTimestamp();
        }

        /// <summary>The banner line, e.g. <c>Asterisk Call Manager/13.0.0</c>.</summary>
        public string Banner { get; }

        /// <summary>The AMI version from the banner (not the Asterisk version).</summary>
        public string AmiVersion { get; }

        /// <summary>Completes when the connection is gone; the result is why (null when closed on purpose).</summary>
        public Task<Exception?> Closed => _closed.Task;

        public bool IsOpen => !_closed.Task.IsCompleted;

        /// <summary>
        /// How long the reader has waited for bytes in vain: zero while it is busy with what arrived (parsing, or held
        /// by flow control for a full subscriber), since what the server sent meanwhile is unread, not missing. A
        /// busy server that is slow to answer a Ping is not dead, and neither is one whose Pong waits behind a flood
        /// this end has not read yet.
        /// </summary>
        public TimeSpan SilentFor => Interlocked.Read(ref _listeningSinceTicks) is var since and not 0
            ? TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - since) / (double)Stopwatch.Frequency)
            : TimeSpan.Zero;

        /// <summary>Closes the connection; <paramref name="reason"/> is null for a close on purpose.</summary>
        public void Abort(Exception? reason)
        {
            if (!_closed.TrySetResult(reason))
            {
                return;
            }

            _correlator.FailAll(reason ?? new AmiConnectionException(AmiConnectionFailure.Closed, "The session was closed."));
            _lifetime.Cancel();
            CloseSocket();
        }

        /// <summary>Sends an action and waits for its whole response (list items included), up to <paramref name="timeout"/>.</summary>
        public async Task<AmiResponse> SendAsync(AmiAction action, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!IsOpen)
            {
                throw new AmiConnectionException(AmiConnectionFailure.NotConnected, $"Cannot send '{action.Name}': the connection is closed.");
            }

            var pending = _correlator.Register(action.Name);
            try
            {
                await WriteAsync(action, pending.ActionId, cancellationToken).ConfigureAwait(false);
                _logger.LogTrace(AmiLogEvents.ActionSent, "Sent action {Action} ({ActionId})", action.Name, pending.ActionId);
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(timeout);
                try
                {
                    return await AmiTasks.WaitOrCancelAsync(pending.Task, timeoutSource.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!pending.Task.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(AmiLogEvents.ActionTimedOut, "Action {Action} ({ActionId}) timed out after {Timeout} ms", action.Name, pending.ActionId, (long)timeout.TotalMilliseconds);
                    throw new AmiActionTimeoutException(action.Name, pending.ActionId, timeout);
                }
            }
            finally
            {
                _correlator.Remove(pending);
            }
        }

        /// <summary>Sends <c>Logoff</c> (best effort, briefly) and closes.</summary>
        public async Task CloseAsync(TimeSpan logoffTimeout)
        {
            if (IsOpen)
            {
                try
                {
                    await SendAsync(new AmiAction("Logoff"), logoffTimeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (AmiException)
                {
                    // The server may close before answering; we are leaving either way.
                }
            }

            Abort(null);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            Abort(new AmiConnectionException(AmiConnectionFailure.Closed, "The connection was closed."));

            // _lifetime is not disposed: an Abort on another thread (CloseAsync during Disconnect-Ami) completes Closed
            // before it cancels _lifetime, and the supervisor disposes the connection as soon as Closed completes, so a
            // Dispose here made that Cancel throw ObjectDisposedException. A CTS with no timer holds nothing to release.
        }

        private async Task WriteAsync(AmiAction action, string actionId, CancellationToken cancellationToken)
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                AmiMessageWriter.WriteAction(_writer, action, actionId);
                var flush = await _writer.FlushAsync(_lifetime.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    throw new AmiConnectionException(AmiConnectionFailure.Closed, $"Cannot send '{action.Name}': the connection is closed.");
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var reason = new AmiConnectionException(AmiConnectionFailure.Closed, $"Cannot send '{action.Name}': the connection was lost ({ex.Message}).", ex);
                Abort(reason);
                throw reason;
            }
            finally
            {
                _writeLock.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            Exception? reason = null;
            try
            {
                while (true)
                {
                    // Silence counts from here, while the reader waits for the server, and not while it works.
                    Interlocked.Exchange(ref _listeningSinceTicks, Stopwatch.GetTimestamp());
                    var result = await _reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                    Interlocked.Exchange(ref _listeningSinceTicks, 0);
                    var buffer = result.Buffer;

                    while (_parser.TryReadMessage(ref buffer, out var message))
                    {
                        // Flow control: a full subscriber that keeps pace makes the reader wait (the socket is not
                        // read meanwhile, so TCP slows the server) for one grace at most; see AmiSubscription.
                        if (message.Kind == AmiMessageKind.Event && _callbacks.MustWait())
                        {
                            await _callbacks.WaitForRoomAsync(_lifetime.Token).ConfigureAwait(false);
                        }

                        Dispatch(message);
                    }

                    _callbacks.OnReadEnd();
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        reason = new AmiConnectionException(AmiConnectionFailure.Closed, "The server closed the connection.");
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                // Aborted: the reason is already recorded.
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                reason = new AmiConnectionException(AmiConnectionFailure.Closed, "The connection was lost: " + ex.Message, ex);
            }
            catch (Exception ex)
            {
                reason = new AmiConnectionException(AmiConnectionFailure.Protocol, "The reader failed: " + ex.Message, ex);
            }

            if (reason is not null)
            {
                Abort(reason);
            }
        }

        private void Dispatch(AmiMessage message)
        {
            try
            {
                // Secrets (PJSIP AuthDetail passwords) go no further than this line: the bytes of a redacted message are dropped too.
                var safe = AmiSecrets.Redact(message);
                if (!_correlator.TryRoute(safe, _callbacks.ToEvent))
                {
                    _callbacks.OnMessage(safe, ReferenceEquals(safe, message) ? _parser.LastRawMessage : default);
                }
            }
            catch (Exception ex)
            {
                // A fault in a consumer must not take the connection down with it.
                _logger.LogError(AmiLogEvents.EventHandlerFailed, ex, "Handling {Message} failed", message.ToString());
            }
        }

        private void CloseSocket()
        {
            try
            {
                _reader.CancelPendingRead();
                _stream.Dispose();
                _tcp.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // Closing a broken socket may throw; it is closed all the same.
            }
        }
    }

    /// <summary>A message that is not a reply, with its bytes as received (empty unless the parser keeps them).</summary>
    internal delegate void MessageHandler(AmiMessage message, ReadOnlySpan<byte> raw);

    /// <summary>What a connection calls back into its session with; all run on the read loop.</summary>
    internal sealed class ConnectionCallbacks
    {
        public ConnectionCallbacks(MessageHandler onMessage, Action onReadEnd, Func<AmiMessage, AmiEvent> toEvent, Action<AmiProtocolError> onProtocolError, bool keepRawMessages,
            Func<bool>? mustWait = null, Func<CancellationToken, Task>? waitForRoom = null)
        {
            OnMessage = onMessage;
            OnReadEnd = onReadEnd;
            MustWait = mustWait ?? (() => false);
            WaitForRoomAsync = waitForRoom ?? (_ => Task.CompletedTask);
            ToEvent = toEvent;
            OnProtocolError = onProtocolError;
            KeepRawMessages = keepRawMessages;
        }

        public MessageHandler OnMessage { get; }

        /// <summary>After the messages of one socket read: the session wakes its subscribers once per read, not per event.</summary>
        public Action OnReadEnd { get; }

        public Func<AmiMessage, AmiEvent> ToEvent { get; }

        /// <summary>Before an event: whether a subscriber is full and the reader should wait with <see cref="WaitForRoomAsync"/>.</summary>
        public Func<bool> MustWait { get; }

        public Func<CancellationToken, Task> WaitForRoomAsync { get; }

        public Action<AmiProtocolError> OnProtocolError { get; }

        /// <summary>Whether <see cref="OnMessage"/> needs each message's bytes (the session keeps history as bytes).</summary>
        public bool KeepRawMessages { get; }
    }
}
