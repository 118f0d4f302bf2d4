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
    /// answers to the resync lists, then <see cref="FloodAsync"/> streams <see cref="CallFlood"/> events (60 concurrent
    /// calls, ids never reused) to every logged-in session as fast as it reads. <see cref="Prepare"/> makes the next
    /// flood's bytes before it is timed, so that flood costs the server one memcpy into the socket; an unprepared
    /// flood is made in 256 KB chunks as it goes. <see cref="PaceAsync"/> sends a quiet stream stamped with the
    /// send time, for latency.
    /// </summary>
    public sealed class FloodServer : IFlood
    {
        private readonly TcpListener _listener;
        private readonly string _user;
        private readonly string _secret;
        private readonly ConcurrentDictionary<Peer, bool> _peers = new ConcurrentDictionary<Peer, bool>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private const int Chunk = 256 * 1024; // per write: responses to actions can slip in between
        private readonly CallFlood _calls = new CallFlood();
        private readonly SemaphoreSlim _oneFlood = new SemaphoreSlim(1, 1); // the stream's order is the generator's
        private byte[]? _prepared;
        private long _preparedEvents;

        public FloodServer(string user, string secret)
        {
            _user = user;
            _secret = secret;
            // A separate generator of the same kind, so sizing it does not move the flood's own ids.
            var sample = new CallFlood().Take(20_000, out _);
            AverageEventBytes = sample.Length / 20_000.0;

            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start(512);
            _ = AcceptLoopAsync();
        }

        public string Description => $"bench/AmiPs.Throughput FloodServer ({_calls.ConcurrentCalls} concurrent calls of {CallFlood.TemplateCount} recorded sequences, new ids per call)";

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string User => _user;

        public string Secret => _secret;

        public int LoggedIn => _peers.Keys.Count(p => p.LoggedIn);

        public double AverageEventBytes { get; }

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

        /// <summary>
        /// Makes the bytes of the next <paramref name="events"/> events now, so the flood that sends them is a memcpy;
        /// returns how many of them are <c>Hangup</c> events.
        /// </summary>
        public Task<long> PrepareAsync(long events) => Task.Run(() => Prepare(events));

        public long Prepare(long events)
        {
            _oneFlood.Wait();
            try
            {
                _prepared = _calls.Take(events, out var hangups);
                _preparedEvents = events;
                return hangups;
            }
            finally
            {
                _oneFlood.Release();
            }
        }

        /// <summary>Sends the next <paramref name="events"/> events to every logged-in session; completes when all are written.</summary>
        public async Task FloodAsync(long events)
        {
            await _oneFlood.WaitAsync().ConfigureAwait(false);
            try
            {
                var peers = _peers.Keys.Where(p => p.LoggedIn).ToArray();
                if (_prepared is { } prepared && _preparedEvents == events)
                {
                    _prepared = null;
                    await Task.WhenAll(peers.Select(p => Task.Run(() => WriteAllAsync(p, prepared, prepared.Length)))).ConfigureAwait(false);
                    return;
                }

                var chunk = new byte[Chunk];
                for (var left = events; left > 0;)
                {
                    var length = _calls.Fill(chunk, 0, left, out var wrote, out _);
                    left -= wrote;
                    await Task.WhenAll(peers.Select(p => p.WriteAsync(chunk, 0, length))).ConfigureAwait(false);
                }
            }
            finally
            {
                _oneFlood.Release();
            }
        }

        /// <summary>
        /// A quiet stream: <paramref name="count"/> <c>UserEvent</c>s <paramref name="interval"/> apart, each with
        /// <c>Sent</c>: <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> just before its write (the same
        /// monotonic clock in every process on the machine).
        /// </summary>
        public async Task PaceAsync(int count, TimeSpan interval)
        {
            var peers = _peers.Keys.Where(p => p.LoggedIn).ToArray();
            for (var i = 0; i < count; i++)
            {
                var text = "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Latency\r\nSent: " +
                           System.Diagnostics.Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";
                await Task.WhenAll(peers.Select(p => p.WriteTextAsync(text))).ConfigureAwait(false);
                await Task.Delay(interval).ConfigureAwait(false);
            }
        }

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

        private static async Task WriteAllAsync(Peer peer, byte[] bytes, int length)
        {
            for (var at = 0; at < length; at += Chunk)
            {
                await peer.WriteAsync(bytes, at, Math.Min(Chunk, length - at)).ConfigureAwait(false);
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
