using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;

namespace AmiPs.Monitoring.Checks
{
    /// <summary><c>Connection</c>: the session is logged in and answers a <c>Ping</c>; the round trip is judged in ms.</summary>
    internal sealed class ConnectionCheck : IAmiHealthCheck
    {
        public const string CheckName = "Connection";

        public string Name => CheckName;

        public AmiTrackedState Needs => AmiTrackedState.None;

        public string? EventClasses => null;

        public async Task<IReadOnlyList<AmiHealthResult>> RunAsync(AmiHealthContext context, CancellationToken cancellationToken)
        {
            var session = context.Session;
            if (session.State != AmiSessionState.Connected)
            {
                var why = session.LastError is { Length: > 0 } error ? ": " + error : string.Empty;
                return new[] { context.Result(Name, null, AmiHealthStatus.Critical, $"session '{session.Name}' is {session.State}{why}") };
            }

            var clock = Stopwatch.StartNew();
            AmiResponse pong;
            try
            {
                pong = await session.SendActionAsync(new AmiAction("Ping"), null, cancellationToken).ConfigureAwait(false);
            }
            catch (AmiException ex)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Critical, "no answer to Ping: " + ex.Message) };
            }

            var ms = clock.Elapsed.TotalMilliseconds;
            if (!pong.IsSuccess)
            {
                return new[] { context.Result(Name, null, AmiHealthStatus.Critical, "Ping refused: " + pong.Message) };
            }

            var login = context.LoginTime is { } t ? string.Format(CultureInfo.InvariantCulture, "connected and logged in in {0:0} ms, ", t.TotalMilliseconds) : string.Empty;
            var message = string.Format(CultureInfo.InvariantCulture, "{0}ping {1:0.0} ms (AMI {2})", login, ms, session.AmiVersion ?? "?");
            return new[] { context.Thresholds[AmiHealthThresholds.Connection].Judge(context, Name, null, System.Math.Round(ms, 3), message) };
        }
    }
}
