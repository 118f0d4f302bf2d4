using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Simulator
{
    /// <summary>
    /// One client connection: reads actions continuously with Core's <see cref="AmiFrameParser"/> and handles them in
    /// order; everything it sends goes through a bounded queue drained by one writer, so a slow reader never blocks
    /// other sessions (a live event that finds the queue full disconnects it, as Asterisk's <c>writetimeout</c> does).
    /// Actions are in SimulatorSession.Actions.cs, list actions in SimulatorSession.Lists.cs.
    /// </summary>
    internal sealed partial class SimulatorSession
    {
        private const int WriteBatchBytes = 64 * 1024;

        private readonly AmiSimulator _server;
        private readonly Socket _socket;
        private readonly Channel<OutItem> _output;
        private readonly CancellationTokenSource _closed = new CancellationTokenSource();
        private readonly TaskCompletionSource<bool> _completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _loggedIn;
        private volatile int _eventMask;
        private int _closing;
        private volatile bool _stopReading;
        private readonly object _liveGate = new object();

        public SimulatorSession(AmiSimulator server, Socket socket, int id)
        {
            _server = server;
            _socket = socket;
            Id = id;
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
            _output = Channel.CreateBounded<OutItem>(new BoundedChannelOptions(Math.Max(16, server.Options.SessionQueueCapacity))
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        public int Id { get; }

        public IPEndPoint RemoteEndPoint { get; }

        public IPEndPoint LocalEndPoint { get; }

        public bool LoggedIn => _loggedIn;

        public AmiSimulatorUser? User { get; private set; }

        public Task Completion => _completion.Task;

        private AmiSimulatorOptions Options => _server.Options;

        private AmiClasses EventMask
        {
            get => (AmiClasses)_eventMask;
            set => _eventMask = (int)value;
        }

        public bool Reads(AmiClasses eventClass) => _loggedIn && (EventMask & eventClass) != 0;

        public async Task RunAsync(CancellationToken stopped)
        {
            Task? writer = null;
            try
            {
                using var stop = stopped.Register(Close);
                Stream stream = new NetworkStream(_socket, ownsSocket: true);
                if (Options.Certificate is { } certificate)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = tls;
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    using var cancel = timeout.Token.Register(Close);
                    await tls.AuthenticateAsServerAsync(certificate, clientCertificateRequired: false, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
                }

                _server.Logger.LogDebug(SimulatorLogEvents.SessionOpened, "Session {Session} opened from {Remote}", Id, RemoteEndPoint);
                Send(AmiText.Encoding.GetBytes($"Asterisk Call Manager/{Options.AmiVersion}\r\n"));
                writer = WriteLoopAsync(stream);
                await ReadLoopAsync(stream).ConfigureAwait(false);
                if (_stopReading)
                {
                    // Let the writer send the last reply (Goodbye, Authentication failed); it closes the connection itself.
                    await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or OperationCanceledException)
            {
                _server.Logger.LogDebug(SimulatorLogEvents.SessionClosed, "Session {Session} ended: {Reason}", Id, e.Message);
            }
            finally
            {
                Close();
                if (writer is not null)
                {
                    await writer.ConfigureAwait(false);
                }

                _completion.TrySetResult(true);
            }
        }

        /// <summary>Queues bytes to send; a session whose queue is full is too slow and is disconnected.</summary>
        public void Send(byte[] bytes, int events = 0, bool closeAfter = false)
        {
            // After Goodbye or a failed login nothing more is read: the connection ends once the reply is written.
            _stopReading |= closeAfter;
            if (!_output.Writer.TryWrite(new OutItem(bytes, events, null, closeAfter)))
            {
                SlowClient();
            }
        }

        public void Send(AmiField[] fields, bool closeAfter = false) => Send(AmiMessageWriter.ToBytes(fields), 0, closeAfter);

        /// <summary>Queues a live event if the session reads its class, checked under the login gate.</summary>
        public void SendLiveEvent(AmiClasses eventClass, byte[] frame)
        {
            lock (_liveGate)
            {
                if (Reads(eventClass))
                {
                    Send(frame, events: 1);
                }
            }
        }

        /// <summary>Queues an event and waits for room: the flood's backpressure. False when the session closed.</summary>
        public ValueTask<bool> SendEventAsync(byte[] frame, CancellationToken cancellationToken) => SendEventsAsync(frame, 1, cancellationToken);

        /// <summary>Queues <paramref name="events"/> whole event frames held in one array, as <see cref="SendEventAsync"/> does one.</summary>
        public async ValueTask<bool> SendEventsAsync(byte[] frames, int events, CancellationToken cancellationToken)
        {
            try
            {
                await _output.Writer.WriteAsync(new OutItem(frames, events, null, false), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ChannelClosedException)
            {
                return false;
            }
        }

        /// <summary>Completes when everything queued so far was written to the socket (false when the session closed first).</summary>
        public Task<bool> FlushAsync()
        {
            var flushed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_output.Writer.TryWrite(new OutItem(null, 0, flushed, false)))
            {
                // Full: wait for room rather than drop the marker.
                _ = WriteMarkerAsync(flushed);
            }

            return flushed.Task;
        }

        /// <summary>Closes the connection at once (no more reads or writes).</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closing, 1) == 1)
            {
                return;
            }

            _output.Writer.TryComplete();
            _closed.Cancel();
            try
            {
                _socket.Dispose();
            }
            catch (ObjectDisposedException)
            {
                // already gone
            }
        }

        private async Task WriteMarkerAsync(TaskCompletionSource<bool> flushed)
        {
            try
            {
                await _output.Writer.WriteAsync(new OutItem(null, 0, flushed, false)).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                flushed.TrySetResult(false);
            }
        }

        private void SlowClient()
        {
            if (Volatile.Read(ref _closing) == 0)
            {
                _server.Logger.LogWarning(SimulatorLogEvents.SlowClient, "Session {Session} does not read fast enough; disconnected as Asterisk's writetimeout would", Id);
                Close();
            }
        }

        private async Task ReadLoopAsync(Stream stream)
        {
            var tooLong = 0;
            var parser = new AmiFrameParser(maxLineLength: 1024, maxMessageLength: 128 * 1024, onError: error =>
            {
                if (error.Kind is AmiProtocolErrorKind.LineTooLong or AmiProtocolErrorKind.MessageTooLong)
                {
                    tooLong++;
                }
            });
            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
            try
            {
                while (!_closed.IsCancellationRequested)
                {
                    var result = await reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    while (!_closed.IsCancellationRequested && !_stopReading && parser.TryReadMessage(ref buffer, out var message))
                    {
                        await HandleAsync(message).ConfigureAwait(false);
                    }

                    for (; tooLong > 0; tooLong--)
                    {
                        Send(new[] { new AmiField("Response", "Error"), new AmiField("Message", "Failed to parse message: line too long") });
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted || _stopReading)
                    {
                        return;
                    }
                }
            }
            finally
            {
                await reader.CompleteAsync().ConfigureAwait(false);
            }
        }

        private async Task WriteLoopAsync(Stream stream)
        {
            var batch = new MemoryStream(WriteBatchBytes);
            var events = 0;
            var input = _output.Reader;
            try
            {
                while (await input.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (input.TryRead(out var item))
                    {
                        if (item.Bytes is not null)
                        {
                            batch.Write(item.Bytes, 0, item.Bytes.Length);
                            events += item.Events;
                        }

                        if (item.Flushed is not null || item.CloseAfter || batch.Length >= WriteBatchBytes)
                        {
                            await WriteBatchAsync(stream, batch, events).ConfigureAwait(false);
                            events = 0;
                            item.Flushed?.TrySetResult(true);
                            if (item.CloseAfter)
                            {
                                Close();
                                return;
                            }
                        }
                    }

                    await WriteBatchAsync(stream, batch, events).ConfigureAwait(false);
                    events = 0;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
            {
                Close();
            }
            finally
            {
                // Nobody waits forever on a marker the writer will never reach.
                while (input.TryRead(out var left))
                {
                    left.Flushed?.TrySetResult(false);
                }
            }
        }

        private async Task WriteBatchAsync(Stream stream, MemoryStream batch, int events)
        {
            if (batch.Length == 0)
            {
                return;
            }

            await stream.WriteAsync(batch.GetBuffer(), 0, (int)batch.Length, _closed.Token).ConfigureAwait(false);
            await stream.FlushAsync(_closed.Token).ConfigureAwait(false);
            batch.SetLength(0);
            _server.CountEventsSent(events);
        }

        private readonly struct OutItem
        {
            public OutItem(byte[]? bytes, int events, TaskCompletionSource<bool>? flushed, bool closeAfter)
            {
                Bytes = bytes;
                Events = events;
                Flushed = flushed;
                CloseAfter = closeAfter;
            }

            public byte[]? Bytes { get; }

            public int Events { get; }

            public TaskCompletionSource<bool>? Flushed { get; }

            public bool CloseAfter { get; }
        }
    }
}
