using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Protocol;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    internal sealed partial class AmiConnection
    {
        /// <summary>Connects, secures (TLS) and reads the banner within the connect timeout, then starts the read loop.</summary>
        public static async Task<AmiConnection> OpenAsync(AmiSessionOptions options, ActionCorrelator correlator, ConnectionCallbacks callbacks, ILogger logger, CancellationToken cancellationToken)
        {
            var endpoint = $"{options.ComputerName}:{options.EffectivePort}";
            logger.LogInformation(AmiLogEvents.Connecting, "Connecting to {Endpoint}{Tls}", endpoint, options.UseTls ? " (TLS)" : string.Empty);
            var tcp = new TcpClient { NoDelay = true };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ConnectTimeout);
            using var closeOnDeadline = deadline.Token.Register(tcp.Dispose);
            try
            {
                await tcp.ConnectAsync(options.ComputerName, options.EffectivePort).ConfigureAwait(false);
                logger.LogInformation(AmiLogEvents.SocketConnected, "Socket connected to {Endpoint}", endpoint);
                Stream stream = tcp.GetStream();
                if (options.UseTls)
                {
                    stream = await AuthenticateTlsAsync(stream, options, logger).ConfigureAwait(false);
                }

                var parser = new AmiFrameParser(options.MaxLineLength, options.MaxMessageLength, callbacks.OnProtocolError) { KeepRawMessage = callbacks.KeepRawMessages };
                var banner = await ReadBannerAsync(stream, parser, deadline.Token).ConfigureAwait(false);
                var connection = new AmiConnection(tcp, stream, parser, banner.Banner, correlator, callbacks, logger);
                connection.StartReading(banner.Remainder);
                return connection;
            }
            catch (Exception ex) when (ex is not AmiException)
            {
                tcp.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw Translate(ex, endpoint, options, deadline.IsCancellationRequested);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        private static async Task<Stream> AuthenticateTlsAsync(Stream stream, AmiSessionOptions options, ILogger logger)
        {
            RemoteCertificateValidationCallback? validate = null;
            if (options.SkipCertificateCheck)
            {
                validate = (_, _, _, _) => true;
            }

            var tls = new SslStream(stream, leaveInnerStreamOpen: false, validate);
            try
            {
                await tls.AuthenticateAsClientAsync(options.ComputerName).ConfigureAwait(false);
            }
            catch (AuthenticationException ex)
            {
                tls.Dispose();
                throw new AmiConnectionException(
                    AmiConnectionFailure.Tls,
                    $"The TLS handshake with {options.ComputerName}:{options.EffectivePort} failed: {ex.Message} If the PBX uses a self-signed certificate, trust it on this machine, or pass -SkipCertificateCheck (not recommended).",
                    ex);
            }

            logger.LogDebug(AmiLogEvents.SocketConnected, "TLS established ({Protocol})", tls.SslProtocol);
            return tls;
        }

        private static async Task<(string Banner, byte[] Remainder)> ReadBannerAsync(Stream stream, AmiFrameParser parser, CancellationToken cancellationToken)
        {
            var buffer = new byte[4096];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new AmiConnectionException(
                        AmiConnectionFailure.Closed,
                        "The server closed the connection before sending the AMI banner (too many unauthenticated connections, an IP deny rule, or not an AMI port).");
                }

                filled += read;
                var sequence = new System.Buffers.ReadOnlySequence<byte>(buffer, 0, filled);
                if (TryReadBanner(parser, ref sequence, out var banner))
                {
                    if (banner.IndexOf("Call Manager", StringComparison.OrdinalIgnoreCase) < 0)
                    {
                        throw new AmiConnectionException(AmiConnectionFailure.Protocol, $"The server did not greet as an Asterisk Manager Interface ('{Shorten(banner)}'); check the host and port.");
                    }

                    return (banner, sequence.ToArray());
                }
            }
        }

        private static bool TryReadBanner(AmiFrameParser parser, ref System.Buffers.ReadOnlySequence<byte> sequence, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? banner)
        {
            try
            {
                return parser.TryReadBanner(ref sequence, out banner);
            }
            catch (AmiProtocolException ex)
            {
                throw new AmiConnectionException(AmiConnectionFailure.Protocol, ex.Message, ex);
            }
        }

        private void StartReading(byte[] alreadyRead)
        {
            // Bytes read with the banner (rare: the server says nothing more before login) are parsed first.
            if (alreadyRead.Length > 0)
            {
                var sequence = new System.Buffers.ReadOnlySequence<byte>(alreadyRead);
                while (_parser.TryReadMessage(ref sequence, out var message))
                {
                    Dispatch(message);
                }

                _callbacks.OnReadEnd();
            }

            _ = Task.Run(ReadLoopAsync);
        }

        private static AmiException Translate(Exception ex, string endpoint, AmiSessionOptions options, bool timedOut)
        {
            if (timedOut || ex is OperationCanceledException)
            {
                return new AmiConnectionException(AmiConnectionFailure.Timeout, $"Connecting to {endpoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s (no answer: check the host, the port and any firewall).", ex);
            }

            var socket = ex as SocketException ?? ex.InnerException as SocketException;
            switch (socket?.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    return new AmiConnectionException(AmiConnectionFailure.Refused, $"Connection to {endpoint} was refused: nothing listens there (is AMI enabled in manager.conf, on this port?).", ex);
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain:
                    return new AmiConnectionException(AmiConnectionFailure.HostNotFound, $"The host '{options.ComputerName}' could not be resolved.", ex);
                case SocketError.TimedOut:
                    return new AmiConnectionException(AmiConnectionFailure.Timeout, $"Connecting to {endpoint} timed out.", ex);
            }

            if (ex is ObjectDisposedException)
            {
                return new AmiConnectionException(AmiConnectionFailure.Timeout, $"Connecting to {endpoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s.", ex);
            }

            return new AmiConnectionException(AmiConnectionFailure.Other, $"Connecting to {endpoint} failed: {ex.Message}", ex);
        }

        private static string Shorten(string text) => text.Length > 60 ? text.Substring(0, 60) + "..." : text;
    }
}
