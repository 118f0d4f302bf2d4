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

        protected AmiSessionOptions Options(Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var options = new AmiSessionOptions
            {
                ComputerName = "127.0.0.1",
                Port = Server.Port,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                ActionTimeout = TimeSpan.FromSeconds(5),
                ReconnectDelay = TimeSpan.FromMilliseconds(20),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
                KeepAliveInterval = TimeSpan.Zero,
            };
            return change is null ? options : change(options);
        }

        protected NetworkCredential Credential(string? secret = null) => new NetworkCredential(Server.User, secret ?? Server.Secret);

        protected AmiSession NewSession(Func<AmiSessionOptions, AmiSessionOptions>? change = null, string? secret = null) =>
            new AmiSession(Options(change), Credential(secret));

        public void Dispose()
        {
            Server.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
