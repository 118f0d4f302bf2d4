using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Protocol;

namespace AmiPs.Commands
{
    /// <summary>
    /// Checks that a PBX answers: connect, log in, Ping, log off, with the time each step took. For scheduled
    /// checks it never throws for an unreachable or refusing PBX: the failure is in the result (or $false with
    /// -Quiet). Only a missing host or credential, which no retry can fix, is a terminating error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AmiConnection")]
    [OutputType(typeof(AmiConnectionTestResult), typeof(bool))]
    public sealed class TestAmiConnectionCommand : AmiConnectionCmdlet
    {
        /// <summary>How long each step (connect, login, ping) may take; default 10 s.</summary>
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            var (options, credential) = ResolveConnection(LightSession);

            var result = Run(options, credential);
            if (Quiet)
            {
                WriteObject(result.Success);
            }
            else
            {
                WriteObject(result);
            }
        }

        private AmiConnectionTestResult Run(AmiSessionOptions options, NetworkCredential credential)
        {
            var result = new AmiConnectionTestResult(options.ComputerName, options.EffectivePort, credential.UserName);
            var clock = Stopwatch.StartNew();
            using var session = new AmiSession(options, credential);

            // The connect and login times come from the session's own phase log, stamped as they happen.
            using var phases = session.Log.Listen(entry =>
            {
                if (entry.EventId == AmiLogEvents.SocketConnected.Id && result.ConnectTimeSpan is null)
                {
                    result.ConnectTimeSpan = clock.Elapsed;
                }
                else if (entry.EventId == AmiLogEvents.Authenticated.Id)
                {
                    result.LoginTimeSpan = clock.Elapsed;
                }
            });
            // -Quiet prints only $true or $false: the session's log is not forwarded at all.
            using (Quiet ? null : ForwardLog(session, AuthenticationFailedWarning))
            {
                try
                {
                    Await(session.ConnectAsync(StopToken));
                    result.AmiVersion = session.AmiVersion;
                    var ping = Stopwatch.StartNew();
                    var response = Await(session.SendActionAsync(new AmiAction("Ping"), Timeout, StopToken));
                    if (!response.IsSuccess)
                    {
                        throw new AmiResponseException(response);
                    }

                    result.PingRoundTripSpan = ping.Elapsed;
                    result.Success = true;
                }
                catch (Exception ex) when (ex is AmiException or ArgumentException or TimeoutException)
                {
                    var record = AmiErrors.ToErrorRecord(ex, options.ComputerName);
                    result.Error = ex.Message;
                    result.ErrorId = record.FullyQualifiedErrorId;
                    WriteVerbose($"Test of {options.ComputerName}:{options.EffectivePort} failed: {ex.Message}");
                }
                finally
                {
                    Await(Close(session));
                }
            }

            return result;
        }

        // Logging off is part of a polite check, but a PBX that does not answer it must not fail the test.
        private static async Task Close(AmiSession session)
        {
            try
            {
                await session.DisconnectAsync().ConfigureAwait(false);
            }
            catch (AmiException)
            {
            }
        }

        // The test fixes these itself (-Timeout for every step, no keep-alive, no reconnect): their variables are not read.
        protected override bool Sets(string setting) =>
            setting is "ConnectTimeout" or "KeepAliveInterval" or "ReconnectDelay" or "MaxReconnectAttempts" || base.Sets(setting);

        // A light session: no events, no keep-alive, no reconnect, nothing loaded or tracked after login.
        private AmiSessionOptions LightSession(AmiSessionOptions options) => options with
        {
            Name = "Test-AmiConnection",
            Events = "off",
            Track = AmiTrackedState.None,
            Reconnect = false,
            KeepAliveInterval = TimeSpan.Zero,
            ConnectTimeout = Timeout,
            ActionTimeout = Timeout,
            EventHistorySize = 0,
            LogCapacity = 100,
        };
    }
}
