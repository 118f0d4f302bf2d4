using System;
using System.Collections.Generic;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Client
{
    /// <summary>The answer to one action: the response message and, for list actions, the items that followed it.</summary>
    public sealed class AmiResponse
    {
        private static readonly IReadOnlyList<AmiEvent> NoEvents = Array.Empty<AmiEvent>();

        public AmiResponse(string action, AmiMessage message, IReadOnlyList<AmiEvent>? events, AmiEvent? completion)
        {
            Action = action;
            Raw = message;
            Events = events ?? NoEvents;
            Completion = completion;
        }

        /// <summary>The action this answers.</summary>
        public string Action { get; }

        /// <summary><c>Success</c>, <c>Error</c>, <c>Goodbye</c> or <c>Follows</c>.</summary>
        public string Response => Raw.Name;

        /// <summary>The server's <c>Message:</c> text.</summary>
        public string? Message => Raw["Message"];

        public string? ActionId => Raw.ActionId;

        public bool IsSuccess => !string.Equals(Response, "Error", StringComparison.OrdinalIgnoreCase);

        /// <summary>All fields of the response, in order.</summary>
        public IReadOnlyList<AmiField> Fields => Raw;

        /// <summary>The items of an event-list action, in order (the closing <c>*Complete</c> event is in <see cref="Completion"/>).</summary>
        public IReadOnlyList<AmiEvent> Events { get; }

        /// <summary>The <c>*Complete</c> event that closed a list (<c>ListItems</c>), or null.</summary>
        public AmiEvent? Completion { get; }

        /// <summary>The <c>Output:</c> lines of a <c>Command</c> (also from the old <c>Response: Follows</c> form).</summary>
        public IReadOnlyList<string> Output => Raw.GetValues("Output");

        public string? this[string key] => Raw[key];

        internal AmiMessage Raw { get; }

        public override string ToString() => $"{Action}: {Response}{(Message is null ? string.Empty : " - " + Message)}{(Events.Count > 0 ? $" ({Events.Count} items)" : string.Empty)}";
    }
}
