using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// A TCP proxy on 127.0.0.1:0 between a session and an AMI server that injects faults into live connections,
    /// as NATS.Net's NatsProxy does: cut (FIN) mid-message, reset (RST), stall (half-open: bytes held, nothing
    /// fails), delay or fragment every byte, duplicate the banner, refuse new connections for a while, and cut
    /// when the client logs in. With <see cref="ServerCertificate"/> set it also terminates TLS on the client
    /// side, which gives the plain scripted server a TLS front.
    /// </summary>
    public sealed class FaultProxy : IDisposable
    {
        private static readonly byte[] LoginMarker = Encoding.ASCII.GetBytes("Action: Login");

        private readonly TcpListener _listener;
        private readonly int _targetPort;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentDictionary<int, ProxiedLink> _links = new ConcurrentDictionary<int, ProxiedLink>();
        private long _refuseUntilTicks;
        private int _cutLogins;
        private int _accepted;
        private int _refused;
        private int _nextLink;

        public FaultProxy(int targetPort)
        {
            _targetPort = targetPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _ = AcceptLoopAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Connections accepted and forwarded (refused ones not counted).</summary>
        public int Accepted => Volatile.Read(ref _accepted);

        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Links open right now (client and server side both up).</summary>
        public int OpenLinks => _links.Count;

        /// <summary>While set, bytes are read but held back in both directions: a half-open link that neither delivers nor fails.</summary>
        public volatile bool Stalled;

        /// <summary>A pause before each forwarded chunk (or each byte when <see cref="Fragment"/> is on).</summary>
        public TimeSpan Delay { get; set; }

        /// <summary>Forwards server bytes one at a time, each in its own segment.</summary>
        public volatile bool Fragment;

        /// <summary>Sends the server's first line twice to every new client.</summary>
        public volatile bool DuplicateBanner;

        /// <summary>When set, terminates TLS towards the client with this certificate.</summary>
        public X509Certificate2? ServerCertificate { get; set; }

        /// <summary>Closes the next <paramref name="count"/> links at the moment the client sends its Login action, before the server sees it.</summary>
        public void CutLogins(int count) => Volatile.Write(ref _cutLogins, count);

        /// <summary>For <paramref name="duration"/>, new connections are accepted and reset at once, as a full or filtering server does.</summary>
        public void RefuseFor(TimeSpan duration) => Interlocked.Exchange(ref _refuseUntilTicks, DateTime.UtcNow.Add(duration).Ticks);

        /// <summary>Closes every link with FIN right after writing <paramref name="partial"/> (a message cut in the middle) to the client.</summary>
        public async Task DropMidMessageAsync(string partial = "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/cut")
        {
            foreach (var link in _links.Values.ToArray())
            {
                try
                {
                    await link.WriteToClientAsync(Encoding.ASCII.GetBytes(partial)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or IOException)
                {
                    // The link was closing already (the client gave it up, or a login was cut): nothing to cut.
                }

                link.Close(reset: false);
            }
        }

        /// <summary>Resets every link (RST: linger 0), on both sides.</summary>
        public void ResetAll()
        {
            foreach (var link in _links.Values.ToArray())
            {
                link.Close(reset: true);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            ResetAll();
        }

        private bool Refusing => DateTime.UtcNow.Ticks < Interlocked.Read(ref _refuseUntilTicks);

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    return;
                }

                if (Refusing)
                {
                    Interlocked.Increment(ref _refused);
                    ProxiedLink.Reset(client);
                    continue;
                }

                _ = RunLinkAsync(client);
            }
        }

        private async Task RunLinkAsync(Socket client)
        {
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            ProxiedLink? link = null;
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort).ConfigureAwait(false);
                var clientStream = new NetworkStream(client, ownsSocket: false);
                System.IO.Stream clientSide = clientStream;
                if (ServerCertificate is { } certificate)
                {
                    var tls = new SslStream(clientStream, leaveInnerStreamOpen: true);
                    await tls.AuthenticateAsServerAsync(certificate).ConfigureAwait(false);
                    clientSide = tls;
                }

                link = new ProxiedLink(Interlocked.Increment(ref _nextLink), client, server, clientSide);
                _links[link.Number] = link;
                Interlocked.Increment(ref _accepted);
                await Task.WhenAll(PumpServerToClientAsync(link), PumpClientToServerAsync(link)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or System.IO.IOException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // A fault, or one side left: the link ends.
            }
            finally
            {
                if (link is not null)
                {
                    _links.TryRemove(link.Number, out _);
                    link.Close(reset: false);
                }
                else
                {
                    ProxiedLink.Reset(client);
                    server.Dispose();
                }
            }
        }

        private async Task PumpServerToClientAsync(ProxiedLink link)
        {
            var buffer = new byte[16 * 1024];
            var first = true;
            try
            {
                while (true)
                {
                    var read = await link.Server.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    await HoldWhileStalledAsync(link).ConfigureAwait(false);
                    var chunk = buffer.AsMemory(0, read);
                    if (first && DuplicateBanner)
                    {
                        var lf = chunk.Span.IndexOf((byte)'\n');
                        if (lf >= 0)
                        {
                            await ForwardAsync(link, chunk.Slice(0, lf + 1)).ConfigureAwait(false);
                        }
                    }

                    first = false;
                    await ForwardAsync(link, chunk).ConfigureAwait(false);
                }
            }
            finally
            {
                link.Close(reset: false);
            }
        }

        private async Task PumpClientToServerAsync(ProxiedLink link)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await link.ClientSide.ReadAsync(buffer.AsMemory(), _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    await HoldWhileStalledAsync(link).ConfigureAwait(false);
                    if (buffer.AsSpan(0, read).IndexOf(LoginMarker) >= 0 && TryTakeLoginCut())
                    {
                        link.Close(reset: false);
                        return;
                    }

                    await link.Server.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                link.Close(reset: false);
            }
        }

        private bool TryTakeLoginCut()
        {
            while (true)
            {
                var left = Volatile.Read(ref _cutLogins);
                if (left <= 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _cutLogins, left - 1, left) == left)
                {
                    return true;
                }
            }
        }

        private async Task HoldWhileStalledAsync(ProxiedLink link)
        {
            while (Stalled && !link.IsClosed)
            {
                await Task.Delay(5, _stop.Token).ConfigureAwait(false);
            }

            if (link.IsClosed)
            {
                throw new ObjectDisposedException("link");
            }
        }

        private async Task ForwardAsync(ProxiedLink link, ReadOnlyMemory<byte> chunk)
        {
            if (!Fragment)
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, _stop.Token).ConfigureAwait(false);
                }

                await link.WriteToClientAsync(chunk).ConfigureAwait(false);
                return;
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, _stop.Token).ConfigureAwait(false);
                }

                await link.WriteToClientAsync(chunk.Slice(i, 1)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One proxied connection: the client socket (maybe behind TLS) and the socket to the server.</summary>
    internal sealed class ProxiedLink
    {
        private readonly SemaphoreSlim _write = new SemaphoreSlim(1, 1);
        private int _closed;

        public ProxiedLink(int number, Socket client, Socket server, System.IO.Stream clientSide)
        {
            Number = number;
            Client = client;
            Server = server;
            ClientSide = clientSide;
        }

        public int Number { get; }

        public Socket Client { get; }

        public Socket Server { get; }

        public System.IO.Stream ClientSide { get; }

        public bool IsClosed => Volatile.Read(ref _closed) == 1;

        public async Task WriteToClientAsync(ReadOnlyMemory<byte> bytes)
        {
            await _write.WaitAsync().ConfigureAwait(false);
            try
            {
                await ClientSide.WriteAsync(bytes).ConfigureAwait(false);
                await ClientSide.FlushAsync().ConfigureAwait(false);
            }
            finally
            {
                _write.Release();
            }
        }

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            if (reset)
            {
                Reset(Client);
                Reset(Server);
            }
            else
            {
                Shutdown(Client);
                Shutdown(Server);
            }

            ClientSide.Dispose();
        }

        /// <summary>Closes with RST instead of FIN.</summary>
        public static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }

        private static void Shutdown(Socket socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }
}
