using System;
using System.Net;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Client
{
    public abstract class ClientTestBase : IDisposable
    {
        protected ClientTestBase()
        {
            Server = new ScriptedAmiServer();
        }

        protected ScriptedAmiServer Server { get; }

        // The shared loopback options, with the longer reconnect delays the client's backoff tests measure against.
        protected AmiSessionOptions Options(Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var options = TestDefaults.SessionOptions(Server.Port, o => o with
            {
                ReconnectDelay = TimeSpan.FromMilliseconds(20),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            });
            return change is null ? options : change(options);
        }

        protected NetworkCredential Credential(string? secret = null) => TestDefaults.Credential(Server.User, secret ?? Server.Secret);

        protected AmiSession NewSession(Func<AmiSessionOptions, AmiSessionOptions>? change = null, string? secret = null) =>
            new AmiSession(Options(change), Credential(secret));

        public void Dispose()
        {
            Server.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
