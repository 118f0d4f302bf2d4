using System;
using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>Opens a session to a PBX's Asterisk Manager Interface; the newest session becomes this runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Ami")]
    [OutputType(typeof(AmiSession))]
    public sealed class ConnectAmiCommand : AmiConnectionCmdlet
    {
        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan ConnectTimeout { get; set; }

        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan ActionTimeout { get; set; }

        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan KeepAliveInterval { get; set; }

        [Parameter]
        [TimeSpanTransformation]
        public TimeSpan ReconnectDelay { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxReconnectAttempts { get; set; }

        [Parameter]
        public SwitchParameter NoReconnect { get; set; }

        [Parameter]
        [ValidateRange(0, 10_000_000)]
        public int EventHistorySize { get; set; }

        /// <summary>Events each subscriber (Receive-AmiEvent, Wait-AmiEvent) may have waiting before the oldest are dropped and counted.</summary>
        [Parameter]
        [ValidateRange(1, 10_000_000)]
        public int SubscriptionCapacity { get; set; }

        /// <summary>Ended calls kept for Get-AmiCall -Completed; active calls are never evicted.</summary>
        [Parameter]
        [ValidateRange(0, 10_000_000)]
        public int CompletedCallLimit { get; set; }

        /// <summary>The <c>Events:</c> mask at login: on, off, or classes such as call,system.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventMaskCompleter))]
        public string EventMask { get; set; } = "on";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>What the session loads after every login and keeps live (default All): Calls, Extensions, Endpoints, Registrations, Queues, or None.</summary>
        [Parameter]
        public AmiTrackedState Track { get; set; } = AmiTrackedState.All;

        /// <summary>A text file that receives the session's log lines (Debug and up) for as long as the session lives.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogPath { get; set; }

        protected override void ProcessRecord()
        {
            var (options, credential) = ResolveConnection(SessionSettings);

            if (SkipCertificateCheck && UseTls)
            {
                WriteWarning("-SkipCertificateCheck: the PBX's TLS certificate is not checked, so anyone on the path can pose as it.");
            }

            var session = new AmiSession(options, credential);
            if (LogPath is not null)
            {
                try
                {
                    // Attached for the session's whole life: the file is opened per line, so nothing is held open.
                    session.Log.WriteTo(SessionState.Path.GetUnresolvedProviderPathFromPSPath(LogPath));
                }
                catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    session.Dispose();
                    ThrowAmiError(new ArgumentException($"Cannot write the log to '{LogPath}': {ex.Message}", nameof(LogPath), ex), LogPath);
                    return;
                }
            }

            using (ForwardLog(session, AuthenticationFailedWarning))
            {
                try
                {
                    Await(session.ConnectAsync(StopToken));
                }
                catch (Exception ex) when (ex is AmiException or ArgumentException)
                {
                    session.Dispose();
                    WriteAmiError(ex, $"{options.ComputerName}:{options.EffectivePort}");
                    return;
                }
                catch (PipelineStoppedException)
                {
                    session.Dispose();
                    throw;
                }
            }

            AmiSessionStore.Add(session);
            WriteObject(session);
        }

        // Connect-Ami's own settings on top of the shared connection parameters.
        private AmiSessionOptions SessionSettings(AmiSessionOptions options)
        {
            options = options with
            {
                Events = EventMask,
                Reconnect = !NoReconnect,
                ConnectTimeout = IsGiven(nameof(ConnectTimeout)) ? ConnectTimeout : options.ConnectTimeout,
                ActionTimeout = IsGiven(nameof(ActionTimeout)) ? ActionTimeout : options.ActionTimeout,
                KeepAliveInterval = IsGiven(nameof(KeepAliveInterval)) ? KeepAliveInterval : options.KeepAliveInterval,
                ReconnectDelay = IsGiven(nameof(ReconnectDelay)) ? ReconnectDelay : options.ReconnectDelay,
                MaxReconnectAttempts = IsGiven(nameof(MaxReconnectAttempts)) ? MaxReconnectAttempts : options.MaxReconnectAttempts,
                EventHistorySize = IsGiven(nameof(EventHistorySize)) ? EventHistorySize : options.EventHistorySize,
                SubscriptionCapacity = IsGiven(nameof(SubscriptionCapacity)) ? SubscriptionCapacity : options.SubscriptionCapacity,
                CompletedCallLimit = IsGiven(nameof(CompletedCallLimit)) ? CompletedCallLimit : options.CompletedCallLimit,
                Track = Track,
            };
            if (options.MaxReconnectDelay < options.ReconnectDelay)
            {
                options = options with { MaxReconnectDelay = options.ReconnectDelay };
            }

            return options with { Name = AmiSessionStore.UniqueName(Name ?? options.ComputerName) };
        }
    }
}
