using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Bench;
using AmiPs.Protocol;

namespace AmiPs.Throughput
{
    /// <summary>
    /// A loopback AMI server for the throughput runs: banner, Challenge/Login (plain and MD5), Ping, Logoff, empty
    /// answers to the resync lists, then <see cref="FloodAsync"/> streams the fixture events to every logged-in
    /// session as fast as it reads. The events are written from one prepared buffer, so the server allocates
    /// nothing per event and its cost is one memcpy into the socket.
    /// </summary>
    public sealed class FloodServer : IFlood
    {
        private readonly TcpListener _listener;
        private readonly string _user;
        private readonly string _secret;
        private readonly ConcurrentDictionary<Peer, bool> _peers = new ConcurrentDictionary<Peer, bool>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly byte[] _blob;
        private const int Chunk = 256 * 1024; // per write: responses to actions can slip in between
        private readonly int[] _ends; // _ends[i] = end offset of event i+1 in _blob

        public FloodServer(string user, string secret)
        {
            _user = user;
            _secret = secret;
            _blob = FixtureEvents.Concatenated(4 << 20, out var count);
            _ends = new int[count];
            var offset = 0;
            for (var i = 0; i < count; i++)
            {
                offset += FixtureEvents.LengthAt(i);
                _ends[i] = offset;
            }

            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start(512);
            _ = AcceptLoopAsync();
        }

        public string Description => "bench/AmiPs.Throughput FloodServer (fixture events from one prepared buffer)";

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string User => _user;

        public string Secret => _secret;

        public int LoggedIn => _peers.Keys.Count(p => p.LoggedIn);

        public long BytesPerRound => _blob.Length;

        public double AverageEventBytes => _blob.Length / (double)_ends.Length;

        /// <summary>Waits until <paramref name="count"/> sessions are logged in.</summary>
        public async Task WaitForLoginsAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (LoggedIn < count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Only {LoggedIn} of {count} sessions logged in within {timeout.TotalSeconds} s.");
                }

                await Task.Delay(5).ConfigureAwait(false);
            }
        }

        /// <summary>Sends <paramref name="events"/> fixture events to every logged-in session; completes when all are written.</summary>
        public Task FloodAsync(long events) =>
            Task.WhenAll(_peers.Keys.Where(p => p.LoggedIn).Select(p => Task.Run(() => FloodOneAsync(p, events))));

        /// <summary>Sends prepared bytes (whole messages) to every logged-in session.</summary>
        public Task SendAsync(byte[] bytes) =>
            Task.WhenAll(_peers.Keys.Where(p => p.LoggedIn).Select(p => p.WriteAsync(bytes, 0, bytes.Length)));

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var peer in _peers.Keys)
            {
                peer.Close();
            }

            await Task.Yield();
            _stop.Dispose();
        }

        private async Task FloodOneAsync(Peer peer, long events)
        {
            var perRound = _ends.Length;
            var remaining = events;
            while (remaining >= perRound)
            {
                for (var at = 0; at < _blob.Length; at += Chunk)
                {
                    await peer.WriteAsync(_blob, at, Math.Min(Chunk, _blob.Length - at)).ConfigureAwait(false);
                }

                remaining -= perRound;
            }

            if (remaining > 0)
            {
                var end = _ends[remaining - 1];
                for (var at = 0; at < end; at += Chunk)
                {
                    await peer.WriteAsync(_blob, at, Math.Min(Chunk, end - at)).ConfigureAwait(false);
                }
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    return;
                }

                client.NoDelay = true;
                var peer = new Peer(client);
                _peers[peer] = true;
                _ = ServeAsync(peer);
            }
        }

        private async Task ServeAsync(Peer peer)
        {
            try
            {
                await peer.WriteTextAsync("Asterisk Call Manager/13.0.0\r\n").ConfigureAwait(false);
                var parser = new AmiFrameParser();
                var buffer = new byte[8192];
                var filled = 0;
                while (true)
                {
                    var read = await peer.Stream.ReadAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                    while (parser.TryReadMessage(ref sequence, out var action))
                    {
                        if (!await AnswerAsync(peer, action).ConfigureAwait(false))
                        {
                            return;
                        }
                    }

                    var left = (int)sequence.Length;
                    sequence.CopyTo(buffer);
                    filled = left;
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException or ObjectDisposedException or SocketException or OperationCanceledException)
            {
                // The client went away.
            }
            finally
            {
                _peers.TryRemove(peer, out _);
                peer.Close();
            }
        }

        private async Task<bool> AnswerAsync(Peer peer, AmiMessage action)
        {
            var name = action["Action"] ?? string.Empty;
            var id = action["ActionID"];
            var idLine = id is null ? string.Empty : "ActionID: " + id + "\r\n";
            switch (name.ToLowerInvariant())
            {
                case "challenge":
                    peer.Challenge = RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
                    await peer.WriteTextAsync("Response: Success\r\n" + idLine + "Challenge: " + peer.Challenge + "\r\n\r\n").ConfigureAwait(false);
                    return true;
                case "login":
                    if (!IsValidLogin(peer, action))
                    {
                        await peer.WriteTextAsync("Response: Error\r\n" + idLine + "Message: Authentication failed\r\n\r\n").ConfigureAwait(false);
                        return false;
                    }

                    await peer.WriteTextAsync("Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n").ConfigureAwait(false);
                    peer.LoggedIn = true;
                    return true;
                case "ping":
                    await peer.WriteTextAsync("Response: Success\r\n" + idLine + "Ping: Pong\r\nTimestamp: 1795492231.768736\r\n\r\n").ConfigureAwait(false);
                    return true;
                case "logoff":
                    await peer.WriteTextAsync("Response: Goodbye\r\n" + idLine + "Message: Thanks for all the fish.\r\n\r\n").ConfigureAwait(false);
                    return false;
                case "extensionstatelist":
                case "coreshowchannels":
                    var complete = name.Equals("coreshowchannels", StringComparison.OrdinalIgnoreCase) ? "CoreShowChannelsComplete" : "ExtensionStateListComplete";
                    await peer.WriteTextAsync(
                        "Response: Success\r\n" + idLine + "EventList: start\r\nMessage: List will follow\r\n\r\n" +
                        "Event: " + complete + "\r\n" + idLine + "EventList: Complete\r\nListItems: 0\r\n\r\n").ConfigureAwait(false);
                    return true;
                default:
                    await peer.WriteTextAsync("Response: Error\r\n" + idLine + "Message: Invalid/unknown command\r\n\r\n").ConfigureAwait(false);
                    return true;
            }
        }

        private bool IsValidLogin(Peer peer, AmiMessage login)
        {
            if (!string.Equals(login["Username"], _user, StringComparison.Ordinal))
            {
                return false;
            }

            if (string.Equals(login["AuthType"], "MD5", StringComparison.OrdinalIgnoreCase))
            {
                var hash = MD5.HashData(Encoding.UTF8.GetBytes(peer.Challenge + _secret));
                return string.Equals(login["Key"], Convert.ToHexString(hash).ToLowerInvariant(), StringComparison.Ordinal);
            }

            return string.Equals(login["Secret"], _secret, StringComparison.Ordinal);
        }

        private sealed class Peer
        {
            private readonly TcpClient _client;
            private readonly SemaphoreSlim _write = new SemaphoreSlim(1, 1);

            public Peer(TcpClient client)
            {
                _client = client;
                Stream = client.GetStream();
            }

            public NetworkStream Stream { get; }

            public volatile bool LoggedIn;

            public string Challenge { get; set; } = string.Empty;

            public Task WriteTextAsync(string text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                return WriteAsync(bytes, 0, bytes.Length);
            }

            public async Task WriteAsync(byte[] bytes, int offset, int length)
            {
                await _write.WaitAsync().ConfigureAwait(false);
                try
                {
                    await Stream.WriteAsync(bytes.AsMemory(offset, length)).ConfigureAwait(false);
                }
                finally
                {
                    _write.Release();
                }
            }

            public void Close()
            {
                try
                {
                    _client.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
