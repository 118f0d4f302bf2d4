using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AmiPs.Protocol;

namespace AmiPs.Tests.Simulator
{
    /// <summary>A bare AMI client over a socket for simulator tests: sends action text, frames replies with Core's parser.</summary>
    public sealed class RawAmiClient : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly Stream _stream;
        private readonly Channel<AmiMessage> _messages = Channel.CreateUnbounded<AmiMessage>();
        private readonly TaskCompletionSource<string> _banner = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly AmiFrameParser _parser = new AmiFrameParser();
        private readonly Task _reader;

        private RawAmiClient(TcpClient tcp, Stream stream)
        {
            _tcp = tcp;
            _stream = stream;
            _reader = ReadLoopAsync();
        }

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public bool Closed { get; private set; }

        public long ProtocolErrors => _parser.ErrorCount;

        public static async Task<RawAmiClient> ConnectAsync(int port, Func<Stream, Task<Stream>>? wrap = null)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            Stream stream = tcp.GetStream();
            if (wrap is not null)
            {
                stream = await wrap(stream);
            }

            return new RawAmiClient(tcp, stream);
        }

        public async Task<string> BannerAsync() => await _banner.Task.WaitAsync(Timeout);

        public Task SendAsync(string action, params (string Key, string Value)[] fields)
        {
            var text = new StringBuilder().Append("Action: ").Append(action).Append("\r\n");
            foreach (var (key, value) in fields)
            {
                text.Append(key).Append(": ").Append(value).Append("\r\n");
            }

            return SendRawAsync(Encoding.UTF8.GetBytes(text.Append("\r\n").ToString()));
        }

        public async Task SendRawAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }

        public async Task<AmiMessage> ReadAsync(TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? Timeout);
            try
            {
                return await _messages.Reader.ReadAsync(cts.Token);
            }
            catch (ChannelClosedException)
            {
                throw new IOException("The simulator closed the connection.");
            }
        }

        /// <summary>Reads until a message matches; the skipped ones are returned too, in order.</summary>
        public async Task<(AmiMessage Match, List<AmiMessage> Before)> ReadUntilAsync(Func<AmiMessage, bool> match, TimeSpan? timeout = null)
        {
            var before = new List<AmiMessage>();
            using var cts = new CancellationTokenSource(timeout ?? Timeout);
            while (true)
            {
                AmiMessage message;
                try
                {
                    message = await _messages.Reader.ReadAsync(cts.Token);
                }
                catch (ChannelClosedException)
                {
                    throw new IOException("The simulator closed the connection.");
                }

                if (match(message))
                {
                    return (message, before);
                }

                before.Add(message);
            }
        }

        public Task<(AmiMessage Match, List<AmiMessage> Before)> ReadEventAsync(string name, TimeSpan? timeout = null) =>
            ReadUntilAsync(m => m.Kind == AmiMessageKind.Event && m.Name == name, timeout);

        public async Task<AmiMessage> LoginAsync(string user, string secret, string? events = null)
        {
            var fields = new List<(string, string)> { ("Username", user), ("Secret", secret), ("ActionID", "login") };
            if (events is not null)
            {
                fields.Add(("Events", events));
            }

            await SendAsync("Login", fields.ToArray());
            return (await ReadUntilAsync(m => m.Kind == AmiMessageKind.Response && m.ActionId == "login")).Match;
        }

        /// <summary>Completes when the server closed the connection; the messages left are drained.</summary>
        public async Task WaitClosedAsync(TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? Timeout);
            while (await _messages.Reader.WaitToReadAsync(cts.Token))
            {
                _messages.Reader.TryRead(out _);
            }
        }

        /// <summary>Every message until the server closes the connection.</summary>
        public async Task<List<AmiMessage>> ReadToEndAsync(TimeSpan? timeout = null)
        {
            var list = new List<AmiMessage>();
            using var cts = new CancellationTokenSource(timeout ?? Timeout);
            while (await _messages.Reader.WaitToReadAsync(cts.Token))
            {
                while (_messages.Reader.TryRead(out var m))
                {
                    list.Add(m);
                }
            }

            return list;
        }

        /// <summary>Everything received so far without waiting.</summary>
        public List<AmiMessage> Drain()
        {
            var list = new List<AmiMessage>();
            while (_messages.Reader.TryRead(out var m))
            {
                list.Add(m);
            }

            return list;
        }

        public async ValueTask DisposeAsync()
        {
            _tcp.Dispose();
            try
            {
                await _reader;
            }
            catch (Exception)
            {
                // closed under the reader
            }
        }

        private async Task ReadLoopAsync()
        {
            var reader = PipeReader.Create(_stream);
            var haveBanner = false;
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync();
                    var buffer = result.Buffer;
                    if (!haveBanner && _parser.TryReadBanner(ref buffer, out var banner))
                    {
                        haveBanner = true;
                        _banner.TrySetResult(banner);
                    }

                    while (haveBanner && _parser.TryReadMessage(ref buffer, out var message))
                    {
                        _messages.Writer.TryWrite(message);
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // connection gone
            }
            finally
            {
                Closed = true;
                _banner.TrySetException(new IOException("Closed before a banner."));
                _messages.Writer.TryComplete();
            }
        }
    }
}
