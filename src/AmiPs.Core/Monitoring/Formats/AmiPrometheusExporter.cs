using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tracking;

namespace AmiPs.Monitoring.Formats
{
    /// <summary>
    /// Sessions and health results as Prometheus metrics. Names follow Asterisk's <c>res_prometheus</c> where it has
    /// one (<c>asterisk_core_uptime_seconds</c>, <c>asterisk_channels_count</c>, ...), with a <c>pbx</c> label in place
    /// of its <c>eid</c>; what it lacks is <c>amips_*</c>. A session that is not connected gives its own figures only.
    /// </summary>
    public static class AmiPrometheusExporter
    {
        public static async Task<string> FormatAsync(IEnumerable<AmiSession> sessions, IEnumerable<AmiHealthResult> results, CancellationToken cancellationToken = default)
        {
            var text = new AmiPrometheusText();
            foreach (var session in sessions)
            {
                AddSession(text, session);
                if (session.State == AmiSessionState.Connected)
                {
                    await AddServerAsync(text, session, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var result in results)
            {
                AddResult(text, result);
            }

            return text.ToString();
        }

        private static void AddSession(AmiPrometheusText text, AmiSession session)
        {
            var labels = new[] { ("pbx", session.ComputerName), ("session", session.Name) };
            var status = session.GetStatus();
            text.Gauge("amips_session_up", "1 when the AmiPs session is connected and logged in, else 0.", status.IsHealthy ? 1 : 0, labels);
            text.Counter("amips_session_reconnects_total", "Times the AmiPs session reconnected after losing its link.", status.ReconnectCount, labels);
            text.Counter("amips_session_events_received_total", "AMI events the AmiPs session received.", status.EventsReceived, labels);
            text.Counter("amips_session_events_dropped_total", "AMI events dropped because a consumer read too slowly.", status.EventsDropped, labels);
            text.Counter("amips_session_protocol_errors_total", "Malformed AMI frames the AmiPs session skipped.", status.ProtocolErrors, labels);
            if (status.GetLastPingRoundTrip() is { } ping)
            {
                text.Gauge("amips_session_ping_roundtrip_seconds", "Round trip of the last keep-alive Ping.", ping.TotalSeconds, labels);
            }
        }

        private static async Task AddServerAsync(AmiPrometheusText text, AmiSession session, CancellationToken cancellationToken)
        {
            var pbx = ("pbx", session.ComputerName);
            var probe = new AmiServerProbe(session);
            try
            {
                if (await probe.UptimeAsync(cancellationToken).ConfigureAwait(false) is { } uptime)
                {
                    text.Gauge("asterisk_core_uptime_seconds", "Current uptime of Asterisk.", Math.Floor(uptime.Uptime.TotalSeconds), pbx);
                    if (uptime.SinceReload is { } reload)
                    {
                        text.Gauge("asterisk_core_last_reload_seconds", "Time since last reload.", Math.Floor(reload.TotalSeconds), pbx);
                    }
                }

                var status = await probe.CoreStatusAsync(cancellationToken).ConfigureAwait(false);
                if (status.IsSuccess && AmiValues.ParseInt(status["CoreCurrentCalls"]) is int channels)
                {
                    text.Gauge("asterisk_channels_count", "Current channel count.", channels, pbx);
                }
            }
            catch (Exception ex) when (ex is AmiException or TimeoutException)
            {
                // A question the server does not answer leaves its metric out; the session figures still say why.
            }

            if (session.IsTracking(AmiTrackedState.Calls))
            {
                text.Gauge("asterisk_calls_count", "Current call count.", session.Calls.ActiveCount, pbx);
            }

            AddEndpoints(text, session);
            AddRegistrations(text, session);
            AddQueues(text, session);
        }

        private static void AddEndpoints(AmiPrometheusText text, AmiSession session)
        {
            if (!session.IsTracking(AmiTrackedState.Endpoints) || session.Endpoints.LoadedAt is null || session.Endpoints.LoadError is not null)
            {
                return;
            }

            var endpoints = session.Endpoints.GetEndpoints();
            text.Gauge("asterisk_endpoints_count", "Current endpoint count.", endpoints.Count, ("pbx", session.ComputerName));
            foreach (var endpoint in endpoints)
            {
                var tech = endpoint.Stack == AmiSipStack.ChanSip ? "SIP" : "PJSIP";
                var labels = new[] { ("pbx", session.ComputerName), ("id", endpoint.Device), ("tech", tech), ("resource", endpoint.Name) };
                text.Gauge("asterisk_endpoints_state", "Endpoint state, 0-unknown, 1-offline, 2-online.", EndpointState(endpoint.State), labels);
                if (endpoint.ActiveChannels is int channels)
                {
                    text.Gauge("asterisk_endpoints_channels_count", "Current channel count of the endpoint.", channels, labels);
                }

                foreach (var contact in endpoint.Contacts)
                {
                    if (contact.GetRoundTrip() is { } rtt)
                    {
                        text.Gauge("amips_contact_roundtrip_seconds", "Qualify round trip of a reachable contact.", rtt.TotalSeconds, ("pbx", session.ComputerName), ("endpoint", endpoint.Name), ("uri", contact.Uri));
                    }
                }
            }
        }

        // res_prometheus's values (ast_endpoint_state): 0 unknown, 1 offline, 2 online.
        private static int EndpointState(AmiDeviceState state) => state switch
        {
            AmiDeviceState.Unknown => 0,
            AmiDeviceState.Unavailable or AmiDeviceState.Invalid => 1,
            _ => 2,
        };

        private static void AddRegistrations(AmiPrometheusText text, AmiSession session)
        {
            if (!session.IsTracking(AmiTrackedState.Registrations) || session.Registrations.LoadedAt is null || session.Registrations.LoadError is not null)
            {
                return;
            }

            foreach (var registration in session.Registrations.GetRegistrations())
            {
                // res_prometheus labels by the Registry event's username and domain (client and server URI for PJSIP).
                var value = registration.Status switch
                {
                    AmiRegistrationStatus.Registered => 1,
                    AmiRegistrationStatus.Rejected => 2,
                    _ => 0,
                };
                text.Gauge(
                    "asterisk_pjsip_outbound_registration_status",
                    "Current registration status. 0=Unregistered; 1=Registered; 2=Rejected.",
                    value,
                    ("pbx", session.ComputerName),
                    ("username", registration.ClientUri ?? registration.Name),
                    ("domain", registration.ServerUri ?? string.Empty),
                    ("channel_type", registration.Stack == AmiSipStack.ChanSip ? "SIP" : "PJSIP"),
                    ("name", registration.Name));
            }
        }

        private static void AddQueues(AmiPrometheusText text, AmiSession session)
        {
            if (!session.IsTracking(AmiTrackedState.Queues) || session.Queues.Support != AmiQueueSupport.Present)
            {
                return;
            }

            foreach (var queue in session.Queues.GetQueues())
            {
                var labels = new[] { ("pbx", session.ComputerName), ("queue", queue.Name) };
                text.Gauge("amips_queue_callers", "Callers waiting in the queue.", queue.Callers.Count, labels);
                text.Gauge("amips_queue_longest_wait_seconds", "How long the caller who has waited longest has waited.", Math.Floor(queue.GetLongestWait().TotalSeconds), labels);
                text.Gauge("amips_queue_available_members", "Members that could take a call now (not paused, device not in use).", queue.AvailableMembers, labels);
                text.Gauge("amips_queue_members", "Members of the queue.", queue.Members.Count, labels);
            }
        }

        private static void AddResult(AmiPrometheusText text, AmiHealthResult result)
        {
            var labels = new[] { ("pbx", result.ComputerName), ("check", result.Check), ("target", result.Target) };
            text.Gauge("amips_check_status", "Test-AmiHealth verdict: 0 OK, 1 Warning, 2 Critical, 3 Unknown.", (int)result.Status, labels);
            if (result.Value is { } value)
            {
                text.Gauge("amips_check_value", "The figure Test-AmiHealth judged, in the check's unit (ms, s, or a count).", value, labels);
            }

            foreach (var measure in result.Measures ?? Array.Empty<AmiHealthMeasure>())
            {
                text.Gauge(
                    "amips_check_measure",
                    "A further figure Test-AmiHealth judged beside the check's value (a queue's LongestWait), in its unit.",
                    measure.Value,
                    ("pbx", result.ComputerName),
                    ("check", result.Check),
                    ("target", result.Target),
                    ("measure", measure.Name));
            }
        }
    }
}
