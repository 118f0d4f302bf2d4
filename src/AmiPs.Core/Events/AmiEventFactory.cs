using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>Makes the event object for a message: a typed class for known events, <see cref="AmiEvent"/> for the rest.</summary>
    public static class AmiEventFactory
    {
        public static AmiEvent Create(AmiMessage message, DateTimeOffset received, string? session) =>
            new AmiEvent(message, received, session);
    }
}
