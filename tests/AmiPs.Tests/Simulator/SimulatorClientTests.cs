using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;
using AmiPs.Simulator;
using AmiPs.Tests.TestSupport;
using Xunit;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Simulator
{
    /// <summary>The product's own session against the simulator: login, actions, tracking, TLS.</summary>
    public sealed class SimulatorClientTests : SimulatorTestBase
    {

        [Fact]
        public async Task Session_logs_in_with_md5_and_plain_and_runs_actions()
        {
            foreach (var auth in new[] { AmiAuthType.MD5, AmiAuthType.Plain })
            {
                using var session = NewSession(change: o => o with { AuthType = auth });
                await session.ConnectAsync();
                Assert.Equal("13.0.0", session.AmiVersion);

                var version = await session.InvokeCommandAsync("core show version");
                Assert.Contains(version.Fields, f => f.Key == "Output" && f.Value.StartsWith("Asterisk ", StringComparison.Ordinal));
                var channels = await session.SendActionAsync(new AmiAction("CoreShowChannels"));
                Assert.True(channels.IsSuccess);
                Assert.Equal("CoreShowChannelsComplete", channels.Completion?.Event);
                await session.DisconnectAsync();
            }
        }

        [Fact]
        public async Task Session_tracks_a_simulated_call_and_the_extension_states()
        {
            using var session = NewSession();
            await session.ConnectAsync();
            var linkedid = await Simulator.Pbx.PlaceCallAsync("5551234", "1001", SimulatedOutcome.Answered, TimeSpan.FromMilliseconds(50), "Alice");

            await Eventually.WaitUntilAsync(() => session.Calls.GetCall(linkedid) is { IsActive: false }, Deadline, "the call ended in the tracker");
            var call = session.Calls.GetCall(linkedid)!;
            Assert.Equal("5551234", call.From);
            Assert.Equal("1001", call.To);
            Assert.NotNull(call.AnswerTime);
            Assert.Equal(16, call.HangupCause);
            await Eventually.WaitUntilAsync(() => session.Extensions.GetExtensions().Any(e => e.Exten == "1001" && e.Status == 0), Deadline, "1001 idle again");
            Assert.Equal(new[] { "1001", "1002", "1003", "1004" }, session.Extensions.GetExtensions().Select(e => e.Exten).OrderBy(e => e));
        }

        [Fact]
        public async Task Unknown_user_and_read_only_user_are_refused_as_by_Asterisk()
        {
            using var wrong = NewSession(secret: "nope", change: o => o with { MaxReconnectAttempts = 0 });
            await Assert.ThrowsAnyAsync<Exception>(() => wrong.ConnectAsync());

            using var monitor = NewSession("monitor", MonitorSecret);
            await monitor.ConnectAsync();
            var denied = await monitor.SendActionAsync(new AmiAction("Originate").Add("Channel", "Local/2000@office").Add("Application", "Wait").Add("Data", "1"));
            Assert.False(denied.IsSuccess);
            Assert.Equal("Permission denied", denied.Message);
        }
    }

    public sealed class SimulatorTlsTests : SimulatorTestBase
    {
        private static readonly X509Certificate2 Certificate = SelfSigned();

        protected override AmiSimulatorOptions Configure(AmiSimulatorOptions options) => options with { Certificate = Certificate };

        [Fact]
        public async Task Tls_serves_the_same_protocol()
        {
            await using var client = await RawAmiClient.ConnectAsync(Simulator.Port, async stream =>
            {
                var tls = new SslStream(stream, false, (_, _, _, _) => true);
                await tls.AuthenticateAsClientAsync("localhost");
                return tls;
            });
            Assert.Equal("Asterisk Call Manager/13.0.0", await client.BannerAsync());
            var reply = await client.LoginAsync("admin", AdminSecret, "off");
            Assert.Equal("Authentication accepted", reply["Message"]);

            using var session = NewSession(change: o => o with { UseTls = true, SkipCertificateCheck = true });
            await session.ConnectAsync();
            var pong = await session.SendActionAsync(new AmiAction("Ping"));
            Assert.Equal("Pong", pong.Raw["Ping"]);
        }

        [Fact]
        public async Task A_plain_client_on_the_tls_port_gets_no_banner()
        {
            await using var client = await RawAmiClient.ConnectAsync(Simulator.Port);
            await client.SendRawAsync(System.Text.Encoding.ASCII.GetBytes("Action: Ping\r\n\r\n"));
            await Assert.ThrowsAnyAsync<Exception>(() => client.BannerAsync());
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
        }
    }
}
