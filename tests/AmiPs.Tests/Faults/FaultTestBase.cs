using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit.Abstractions;

namespace AmiPs.Tests.Faults
{
    /// <summary>A scripted server behind a <see cref="FaultProxy"/>; sessions connect to the proxy with tiny intervals so faults play out in milliseconds.</summary>
    public abstract class FaultTestBase : IDisposable
    {
        protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

        protected FaultTestBase(ITestOutputHelper output)
        {
            Output = output;
            Server = new ScriptedAmiServer();
            Proxy = new FaultProxy(Server.Port);
        }

        protected ITestOutputHelper Output { get; }

        protected ScriptedAmiServer Server { get; }

        protected FaultProxy Proxy { get; }

        protected AmiSessionOptions Options(Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var options = new AmiSessionOptions
            {
                ComputerName = "127.0.0.1",
                Port = Proxy.Port,
                ConnectTimeout = TimeSpan.FromSeconds(2),
                ActionTimeout = TimeSpan.FromSeconds(5),
                ReconnectDelay = TimeSpan.FromMilliseconds(10),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(80),
                MaxReconnectAttempts = 0,
                KeepAliveInterval = TimeSpan.Zero,
            };
            return change is null ? options : change(options);
        }

        protected AmiSession NewSession(Func<AmiSessionOptions, AmiSessionOptions>? change = null) =>
            new AmiSession(Options(change), new NetworkCredential(Server.User, Server.Secret));

        protected async Task<AmiSession> ConnectedSessionAsync(Func<AmiSessionOptions, AmiSessionOptions>? change = null)
        {
            var session = NewSession(change);
            await session.ConnectAsync();
            return session;
        }

        /// <summary>Times from the fault to Reconnecting (detected) and to Connected again (recovered).</summary>
        protected Task<(TimeSpan Detect, TimeSpan Recover)> MeasureAsync(AmiSession session, string fault, Action inject, Action? endFault = null, TimeSpan? faultLasts = null) =>
            MeasureAsync(session, fault, () => { inject(); return Task.CompletedTask; }, endFault, faultLasts);

        protected async Task<(TimeSpan Detect, TimeSpan Recover)> MeasureAsync(AmiSession session, string fault, Func<Task> inject, Action? endFault = null, TimeSpan? faultLasts = null)
        {
            var before = session.ReconnectCount;
            var watch = Stopwatch.StartNew();
            await inject();
            await Eventually.WaitUntilAsync(() => session.State != AmiSessionState.Connected || session.ReconnectCount > before, Deadline, fault + ": detected");
            var detect = watch.Elapsed;
            var ended = TimeSpan.Zero;
            if (endFault is not null)
            {
                if (faultLasts is { } lasts && watch.Elapsed < lasts)
                {
                    await Task.Delay(lasts - watch.Elapsed);
                }

                endFault();
                ended = watch.Elapsed;
            }

            await Eventually.WaitUntilAsync(() => session.State == AmiSessionState.Connected && session.ReconnectCount > before, Deadline, fault + ": recovered");
            var recover = watch.Elapsed - ended;
            Output.WriteLine($"{fault}: detected in {detect.TotalMilliseconds:0} ms, recovered {recover.TotalMilliseconds:0} ms after the fault {(endFault is null ? "was injected" : "ended")}");
            return (detect, recover);
        }

        protected static string History(AmiSession session) => string.Join(" -> ", session.StateHistory.Select(c => c.State));

        public void Dispose()
        {
            Proxy.Dispose();
            Server.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
