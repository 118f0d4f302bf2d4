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
        /// <summary>The shared <see cref="TestDefaults.Deadline"/>, under the name the fault tests use.</summary>
        protected static TimeSpan Deadline => TestDefaults.Deadline;


        protected FaultTestBase(ITestOutputHelper output)
        {
            Output = output;
            Server = new ScriptedAmiServer();
            Proxy = new FaultProxy(Server.Port);
        }

        protected ITestOutputHelper Output { get; }

        protected ScriptedAmiServer Server { get; }

        protected FaultProxy Proxy { get; }

        // Fault tests connect through the proxy, give up a connect quickly and never stop reconnecting on their own.
        protected AmiSessionOptions Options(Func<AmiSessionOptions, AmiSessionOptions>? change = null) =>
            TestDefaults.SessionOptions(Proxy.Port, o => (change ?? (x => x))(o with { ConnectTimeout = TimeSpan.FromSeconds(2), MaxReconnectAttempts = 0 }));

        protected AmiSession NewSession(Func<AmiSessionOptions, AmiSessionOptions>? change = null) =>
            new AmiSession(Options(change), TestDefaults.Credential(Server.User, Server.Secret));

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
