using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Faults
{
    /// <summary>MD5 never falls back to a clear-text secret on its own; the user is told to choose -AuthType Plain.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class LoginSecurityTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer { OfferMd5 = false };

        [Fact]
        public void A_server_refusing_md5_gets_no_secret_until_the_user_asks_for_Plain()
        {
            using var ps = new PsHost();
            ps.SetVariable("port", _server.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));

            var md5 = ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred");
            Assert.Equal(0, _server.ReceivedCount("Login"));
            var plain = ps.Run("Connect-Ami 127.0.0.1 -Port $port -Credential $cred -AuthType Plain").ThrowIfErrors();

            var error = Assert.Single(md5.Errors);
            Assert.Contains("-AuthType Plain", error.Exception.Message);
            Assert.Equal(AmiSessionState.Connected, plain.Single<AmiSession>().State);
            Assert.Equal(_server.Secret, _server.Received.Single(m => m["Action"] == "Login")["Secret"]);
        }

        [Fact]
        public void There_is_no_default_host_user_or_password()
        {
            Assert.Null(Environment.GetEnvironmentVariable(AmiEnvironment.Host)); // the test machine sets none, so defaults would show
            Assert.Null(AmiEnvironment.Credential());
            Assert.Equal(string.Empty, AmiSessionOptions.Default.ComputerName);
            using var ps = new PsHost();
            ps.SetVariable("port", _server.Port);

            var noHost = ps.Run("Connect-Ami -Port $port");
            var noCredential = ps.Run("Connect-Ami 127.0.0.1 -Port $port");

            Assert.Contains("AMI_HOST", Assert.Single(noHost.Errors).Exception.Message);
            Assert.Contains("-Credential", Assert.Single(noCredential.Errors).Exception.Message);
            Assert.Equal(0, _server.Connections); // nothing was even tried
        }

        public void Dispose() => _server.Dispose();
    }
}
