using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Protocol;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// A scripted AMI peer on 127.0.0.1:0 for client tests that need exact control of the bytes (as NATS.Net's
    /// MockServer). Handles Login (plain and MD5), Challenge, Ping and Logoff itself; every other action goes to
    /// the test's handler. Records every action received.
    /// </summary>
    public sealed class ScriptedAmiServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentBag<ServerPeer> _peers = new ConcurrentBag<ServerPeer>();
        private int _connections;

        public ScriptedAmiServer(string user = "admin", string secret = "s3cret-test")
        {
            User = user;
            Secret = secret;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _ = AcceptLoopAsync();
        }

        public string User { get; }

        public string Secret { get; }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string Banner { get; set; } = "Asterisk Call Manager/13.0.0\r\n";

        public bool OfferMd5 { get; set; } = true;

        /// <summary>When set, Ping is read but never answered (a half-open peer).</summary>
        public volatile bool IgnorePings;

        /// <summary>What CoreShowChannels lists: each item's fields after Event and ActionID.</summary>
        public ConcurrentQueue<(string Key, string Value)[]> LiveChannels { get; } = new ConcurrentQueue<(string Key, string Value)[]>();

        /// <summary>What ExtensionStateList lists; empty answers as Asterisk does with no hints (an error).</summary>
        public ConcurrentQueue<(string Key, string Value)[]> Hints { get; } = new ConcurrentQueue<(string Key, string Value)[]>();

        /// <summary>Actions other than the built-in ones.</summary>
        public Func<ServerPeer, AmiMessage, Task>? OnAction { get; set; }

        public int Connections => Volatile.Read(ref _connections);

        public ConcurrentQueue<AmiMessage> Received { get; } = new ConcurrentQueue<AmiMessage>();

        public IReadOnlyList<ServerPeer> Peers => _peers.ToArray();

        public ServerPeer? LastPeer => _peers.OrderByDescending(p => p.Number).FirstOrDefault();

        public int ReceivedCount(string action) => Received.Count(m => string.Equals(m["Action"], action, StringComparison.OrdinalIgnoreCase));

        public void DropAll()
        {
            foreach (var peer in _peers)
            {
                peer.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            DropAll();
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
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                var peer = new ServerPeer(client, Interlocked.Increment(ref _connections));
                _peers.Add(peer);
                _ = ServeAsync(peer);
            }
        }

        private async Task ServeAsync(ServerPeer peer)
        {
            try
            {
                await peer.SendRawAsync(Encoding.ASCII.GetBytes(Banner)).ConfigureAwait(false);
                var reader = PipeReader.Create(peer.Stream);
                var parser = new AmiFrameParser();
                while (true)
                {
                    var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    while (parser.TryReadMessage(ref buffer, out var message))
                    {
                        Received.Enqueue(message);
                        await HandleAsync(peer, message).ConfigureAwait(false);
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
            {
                // The peer went away.
            }
            finally
            {
                peer.Close();
            }
        }

        private async Task HandleAsync(ServerPeer peer, AmiMessage message)
        {
            var id = message.ActionId;
            switch (message["Action"]?.ToLowerInvariant())
            {
                case "challenge" when OfferMd5:
                    peer.Challenge = "123456789";
                    await peer.SendAsync(id, ("Response", "Success"), ("Challenge", peer.Challenge)).ConfigureAwait(false);
                    return;
                case "challenge":
                    await peer.SendAsync(id, ("Response", "Error"), ("Message", "Must specify AuthType")).ConfigureAwait(false);
                    return;
                case "login":
                    var ok = message["Username"] == User && (message["AuthType"] is null
                        ? message["Secret"] == Secret
                        : peer.Challenge is not null && message["Key"] == Md5Hex(peer.Challenge + Secret));
                    if (ok)
                    {
                        await peer.SendAsync(id, ("Response", "Success"), ("Message", "Authentication accepted")).ConfigureAwait(false);
                        await peer.SendAsync(null, ("Event", "FullyBooted"), ("Privilege", "system,all"), ("Uptime", "1"), ("LastReload", "1"), ("Status", "Fully Booted")).ConfigureAwait(false);
                    }
                    else
                    {
                        await peer.SendAsync(id, ("Response", "Error"), ("Message", "Authentication failed")).ConfigureAwait(false);
                        peer.Close();
                    }

                    return;
                case "ping":
                    if (!IgnorePings)
                    {
                        await peer.SendAsync(id, ("Response", "Success"), ("Ping", "Pong"), ("Timestamp", "1700000000.000000")).ConfigureAwait(false);
                    }

                    return;
                case "coreshowchannels":
                    await SendListAsync(peer, id, "Channels will follow", "CoreShowChannel", "CoreShowChannelsComplete", LiveChannels.ToArray()).ConfigureAwait(false);
                    return;
                case "extensionstatelist" when Hints.IsEmpty:
                    await peer.SendAsync(id, ("Response", "Error"), ("Message", "Could not find extension state list")).ConfigureAwait(false);
                    return;
                case "extensionstatelist":
                    await SendListAsync(peer, id, "Extension Statuses will follow", "ExtensionStatus", "ExtensionStateListComplete", Hints.ToArray()).ConfigureAwait(false);
                    return;
                case "logoff":
                    await peer.SendAsync(id, ("Response", "Goodbye"), ("Message", "Thanks for all the fish.")).ConfigureAwait(false);
                    peer.Close();
                    return;
            }

            await (OnAction ?? RefuseAsync)(peer, message).ConfigureAwait(false);
        }

        /// <summary>Asterisk's answer to an action it does not know: what a handler gives the actions it is not about.</summary>
        public static Task RefuseAsync(ServerPeer peer, AmiMessage action) =>
            peer.SendAsync(action.ActionId, ("Response", "Error"), ("Message", "Invalid/unknown command"));

        private static async Task SendListAsync(ServerPeer peer, string? id, string message, string item, string complete, (string Key, string Value)[][] items)
        {
            await peer.SendAsync(id, ("Response", "Success"), ("EventList", "start"), ("Message", message)).ConfigureAwait(false);
            foreach (var fields in items)
            {
                await peer.SendAsync(id, new[] { ("Event", item) }.Concat(fields).ToArray()).ConfigureAwait(false);
            }

            await peer.SendAsync(id, ("Event", complete), ("EventList", "Complete"), ("ListItems", items.Length.ToString())).ConfigureAwait(false);
        }

        public static string Md5Hex(string text)
        {
            using var md5 = MD5.Create();
            return string.Concat(md5.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
        }
    }

    /// <summary>One client connection of the scripted server.</summary>
    public sealed class ServerPeer
    {
        private readonly TcpClient _client;
        private readonly SemaphoreSlim _write = new SemaphoreSlim(1, 1);

        public ServerPeer(TcpClient client, int number)
        {
            _client = client;
            Number = number;
            Stream = client.GetStream();
        }

        public int Number { get; }

        public NetworkStream Stream { get; }

        public string? Challenge { get; set; }

        /// <summary>Sends a message; the ActionID, when given, goes right after the first line as Asterisk puts it.</summary>
        public Task SendAsync(string? actionId, params (string Key, string Value)[] fields)
        {
            var list = new List<AmiField> { new AmiField(fields[0].Key, fields[0].Value) };
            if (actionId is not null)
            {
                list.Add(new AmiField("ActionID", actionId));
            }

            list.AddRange(fields.Skip(1).Select(f => new AmiField(f.Key, f.Value)));
            return SendRawAsync(AmiMessageWriter.ToBytes(list));
        }

        public async Task SendRawAsync(byte[] bytes)
        {
            await _write.WaitAsync().ConfigureAwait(false);
            try
            {
                await Stream.WriteAsync(bytes).ConfigureAwait(false);
                await Stream.FlushAsync().ConfigureAwait(false);
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
                _client.Client?.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }

            _client.Dispose();
        }
    }
}
