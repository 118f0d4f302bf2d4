using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Faults
{
    /// <summary>TLS against a PBX with a self-signed certificate (the proxy terminates TLS in front of the scripted server).</summary>
    public sealed class TlsTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();
        private readonly FaultProxy _tls;
        private readonly X509Certificate2 _certificate = TestCertificates.SelfSigned();

        public TlsTests()
        {
            _tls = new FaultProxy(_server.Port) { ServerCertificate = _certificate };
        }

        private AmiSession NewSession(bool skipCheck) => new AmiSession(
            new AmiSessionOptions { ComputerName = "127.0.0.1", Port = _tls.Port, UseTls = true, SkipCertificateCheck = skipCheck, KeepAliveInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) },
            new NetworkCredential(_server.User, _server.Secret));

        [Fact]
        public async Task A_self_signed_certificate_is_refused_by_default_with_a_clear_error()
        {
            using var session = NewSession(skipCheck: false);

            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.ConnectAsync());

            Assert.Equal(AmiConnectionFailure.Tls, error.Failure);
            Assert.Contains("TLS handshake", error.Message);
            Assert.Contains("-SkipCertificateCheck", error.Message);
            Assert.Equal(AmiSessionState.Failed, session.State);
            Assert.Equal(0, _server.ReceivedCount("Login")); // no secret went anywhere
        }

        [Fact]
        public async Task SkipCertificateCheck_connects_and_talks_over_TLS()
        {
            using var session = NewSession(skipCheck: true);
            await session.ConnectAsync();

            var ping = await session.SendActionAsync(new AmiAction("Ping"));

            Assert.Equal("Pong", ping["Ping"]);
            Assert.True(session.UseTls);
            Assert.Equal(1, _server.ReceivedCount("Login"));
        }

        [Fact]
        public void In_PowerShell_a_bad_certificate_is_an_error_and_SkipCertificateCheck_warns()
        {
            using var ps = new PsHost();
            ps.SetVariable("port", _tls.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));

            var refused = ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -UseTls");
            var skipped = ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -UseTls -SkipCertificateCheck").ThrowIfErrors();

            var error = Assert.Single(refused.Errors);
            Assert.Contains("certificate", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("-SkipCertificateCheck", error.Exception.Message);
            Assert.Empty(refused.Output);
            Assert.Contains(skipped.Warnings, w => w.Contains("SkipCertificateCheck") && w.Contains("not checked"));
            Assert.Equal(AmiSessionState.Connected, skipped.Single<AmiSession>().State);
        }

        public void Dispose()
        {
            _tls.Dispose();
            _server.Dispose();
            _certificate.Dispose();
        }
    }
}
