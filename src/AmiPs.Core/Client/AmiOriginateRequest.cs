using System;
using System.Collections.Generic;
using System.Globalization;
using AmiPs.Protocol;

namespace AmiPs.Client
{
    /// <summary>What to originate: a channel to call, then either a dialplan place (context, exten, priority) or an application.</summary>
    public sealed record AmiOriginateRequest
    {
        /// <summary>The channel to call first, e.g. <c>PJSIP/1001</c> or <c>Local/2000@office</c>.</summary>
        public string Channel { get; init; } = string.Empty;

        public string? Context { get; init; }

        public string? Exten { get; init; }

        public int Priority { get; init; } = 1;

        public string? Application { get; init; }

        public string? Data { get; init; }

        /// <summary>Caller id to present, e.g. <c>"Check" &lt;5550100&gt;</c>.</summary>
        public string? CallerId { get; init; }

        public IReadOnlyDictionary<string, string>? Variables { get; init; }

        /// <summary>How long the first channel may ring before the originate gives up.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>Builds the asynchronous <c>Originate</c>; <paramref name="channelId"/> becomes the first channel's Uniqueid, hence the call's id.</summary>
        public AmiAction ToAction(string channelId)
        {
            if (string.IsNullOrWhiteSpace(Channel))
            {
                throw new AmiActionException("Channel", "Originate needs a channel to call (-Channel).");
            }

            var toApplication = !string.IsNullOrEmpty(Application);
            if (toApplication == !string.IsNullOrEmpty(Exten))
            {
                throw new AmiActionException(toApplication ? "Application" : "Exten", "Originate needs either an extension (-Context/-Exten/-Priority) or an application (-Application/-Data), not both.");
            }

            var action = new AmiAction("Originate").Add("Channel", Channel);
            if (toApplication)
            {
                action.Add("Application", Application).Add("Data", Data ?? string.Empty);
            }
            else
            {
                action.Add("Context", Context ?? "default").Add("Exten", Exten).Add("Priority", Priority.ToString(CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrEmpty(CallerId))
            {
                action.Add("CallerID", CallerId);
            }

            action.Add("Timeout", ((long)Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            foreach (var variable in Variables ?? new Dictionary<string, string>())
            {
                action.Add("Variable", variable.Key + "=" + variable.Value);
            }

            // Async: a synchronous Originate blocks the whole AMI session until the call is answered.
            return action.Add("Async", "true").Add("ChannelId", channelId);
        }
    }
}
