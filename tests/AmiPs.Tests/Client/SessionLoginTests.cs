using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Client
{
    public sealed class SessionLoginTests : ClientTestBase
    {
        [Fact]
        public async Task Md5_login_sends_the_lowercase_key_and_never_the_secret()
        {
            using var session = NewSession();
            await session.ConnectAsync();

            Assert.Equal(AmiSessionState.Connected, session.State);
            Assert.Equal("13.0.0", session.AmiVersion);
            var login = Server.Received.Single(m => m["Action"] == "Login");
            Assert.Equal("MD5", login["AuthType"]);
            Assert.Equal(ScriptedAmiServer.Md5Hex("123456789" + Server.Secret), login["Key"]);
            Assert.Null(login["Secret"]);
            Assert.Equal(1, Server.ReceivedCount("Challenge"));
        }

        [Fact]
        public async Task Md5_key_matches_the_recorded_asterisk_login()
        {
            // md5-login.ami: the server's challenge; md5-login.sent: the key a real client sent for secret amp111.
            var received = Fixtures.Messages("md5-login.ami");
            var sent = Fixtures.SentMessages("md5-login.sent");
            var challenge = received.First(m => m["Challenge"] is not null)["Challenge"]!;
            var key = sent.First(m => m["Action"] == "Login")["Key"];

            Assert.Equal(key, AmiLogin.Md5Key(challenge, "amp111"));
        }

        [Fact]
        public async Task Plain_login_sends_the_secret_and_the_event_mask()
        {
            using var session = NewSession(o => o with { AuthType = AmiAuthType.Plain, Events = "call,system" });
            await session.ConnectAsync();

            var login = Server.Received.Single(m => m["Action"] == "Login");
            Assert.Equal(Server.Secret, login["Secret"]);
            Assert.Equal("call,system", login["Events"]);
            Assert.Equal(0, Server.ReceivedCount("Challenge"));
        }

        [Fact]
        public async Task Wrong_password_is_AuthenticationFailed_and_never_retried()
        {
            using var session = NewSession(secret: "wrong");
            var error = await Assert.ThrowsAsync<AmiAuthenticationException>(() => session.ConnectAsync());

            Assert.Contains("Authentication failed", error.Message);
            Assert.DoesNotContain("wrong", error.Message);
            Assert.Equal(AmiSessionState.AuthenticationFailed, session.State);
            await Task.Delay(300); // several reconnect delays: nothing may come
            Assert.Equal(1, Server.Connections);
        }

        [Fact]
        public async Task A_server_without_md5_gives_an_error_that_names_plain()
        {
            Server.OfferMd5 = false;
            using var session = NewSession();
            var error = await Assert.ThrowsAsync<AmiAuthenticationException>(() => session.ConnectAsync());

            Assert.Contains("-AuthType Plain", error.Message);
            Assert.Equal(0, Server.ReceivedCount("Login")); // no silent fallback to a clear-text secret
        }

        [Fact]
        public async Task A_refused_port_fails_fast_with_a_clear_error()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            using var session = NewSession(o => o with { Port = port });
            var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.ConnectAsync());

            Assert.Equal(AmiConnectionFailure.Refused, error.Failure);
            Assert.Contains("refused", error.Message);
            Assert.Equal(AmiSessionState.Failed, session.State);
        }

        [Fact]
        public async Task A_silent_server_times_out_the_connect()
        {
            // Accepts but never sends the banner.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                using var session = NewSession(o => o with { Port = port, ConnectTimeout = TimeSpan.FromMilliseconds(300) });
                var error = await Assert.ThrowsAsync<AmiConnectionException>(() => session.ConnectAsync());
                Assert.Equal(AmiConnectionFailure.Timeout, error.Failure);
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public async Task Disconnect_logs_off_and_is_safe_to_repeat()
        {
            using var session = NewSession();
            await session.ConnectAsync();
            await session.DisconnectAsync();
            await session.DisconnectAsync();

            Assert.Equal(AmiSessionState.Disconnected, session.State);
            Assert.Equal(1, Server.ReceivedCount("Logoff"));
        }

        [Fact]
        public void Environment_variables_fill_the_options_and_a_bad_number_names_the_variable()
        {
            var env = new System.Collections.Generic.Dictionary<string, string>
            {
                [AmiEnvironment.Host] = "pbx.example",
                [AmiEnvironment.Port] = "5040",
                [AmiEnvironment.ReconnectDelay] = "250",
                [AmiEnvironment.MaxReconnectAttempts] = "3",
                [AmiEnvironment.Username] = "ops",
                [AmiEnvironment.Password] = "pw",
            };
            var options = AmiEnvironment.Apply(AmiSessionOptions.Default, n => env.TryGetValue(n, out var v) ? v : null);

            Assert.Equal("pbx.example", options.ComputerName);
            Assert.Equal(5040, options.EffectivePort);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.ReconnectDelay);
            Assert.Equal(3, options.MaxReconnectAttempts);
            Assert.Equal("ops", AmiEnvironment.Credential(n => env.TryGetValue(n, out var v) ? v : null)!.UserName);

            env[AmiEnvironment.Port] = "five";
            var error = Assert.Throws<ArgumentException>(() => AmiEnvironment.Apply(AmiSessionOptions.Default, n => env.TryGetValue(n, out var v) ? v : null));
            Assert.Contains(AmiEnvironment.Port, error.Message);
        }

        [Fact]
        public void There_is_no_default_host()
        {
            var error = Assert.Throws<ArgumentException>(() => new AmiSession(AmiSessionOptions.Default, new NetworkCredential("u", "p")));
            Assert.Contains("AMI_HOST", error.Message);
        }
    }
}
