using System;
using AmiPs.Protocol;

namespace AmiPs.Events
{
    /// <summary>
    /// Makes the event object for a message: a typed class for known events, <see cref="AmiEvent"/> for the rest
    /// (never dropped). One string switch on the event name, spelled as Asterisk sends it; the object reads its
    /// fields from the message when asked, so making it costs one allocation.
    /// </summary>
    internal static class AmiEventFactory
    {
        public static AmiEvent Create(AmiMessage message, DateTimeOffset received, string? session)
        {
            if (message is null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            switch (message.Name)
            {
                case "Newchannel": return new NewchannelEvent(message, received, session);
                case "Newstate": return new NewstateEvent(message, received, session);
                case "Hangup": return new HangupEvent(message, received, session);
                case "HangupRequest": return new HangupRequestEvent(message, received, session);
                case "SoftHangupRequest": return new SoftHangupRequestEvent(message, received, session);
                case "NewCallerid": return new NewCalleridEvent(message, received, session);
                case "NewConnectedLine": return new NewConnectedLineEvent(message, received, session);
                case "VarSet": return new VarSetEvent(message, received, session);
                case "Newexten":
                case "NewExten": return new NewextenEvent(message, received, session);
                case "DialBegin": return new DialBeginEvent(message, received, session);
                case "DialState": return new DialStateEvent(message, received, session);
                case "DialEnd": return new DialEndEvent(message, received, session);
                case "OriginateResponse": return new OriginateResponseEvent(message, received, session);
                case "BridgeCreate": return new BridgeCreateEvent(message, received, session);
                case "BridgeDestroy": return new BridgeDestroyEvent(message, received, session);
                case "BridgeEnter": return new BridgeEnterEvent(message, received, session);
                case "BridgeLeave": return new BridgeLeaveEvent(message, received, session);
                case "BridgeMerge": return new BridgeMergeEvent(message, received, session);
                case "LocalBridge": return new LocalBridgeEvent(message, received, session);
                case "ExtensionStatus": return new ExtensionStatusEvent(message, received, session);
                case "DeviceStateChange": return new DeviceStateChangeEvent(message, received, session);
                case "PeerStatus": return new PeerStatusEvent(message, received, session);
                case "ContactStatus": return new ContactStatusEvent(message, received, session);
                case "Registry": return new RegistryEvent(message, received, session);
                case "EndpointList": return new EndpointListEvent(message, received, session);
                case "ContactList":
                case "ContactStatusDetail": return new ContactListEvent(message, received, session);
                case "OutboundRegistrationDetail": return new OutboundRegistrationDetailEvent(message, received, session);
                case "AuthDetail": return new AuthDetailEvent(message, received, session);
                case "PeerEntry": return new PeerEntryEvent(message, received, session);
                case "RegistryEntry": return new RegistryEntryEvent(message, received, session);
                case "CoreShowChannel": return new CoreShowChannelEvent(message, received, session);
                case "QueueMemberStatus": return new QueueMemberStatusEvent(message, received, session);
                case "QueueMemberPause": return new QueueMemberPauseEvent(message, received, session);
                case "QueueMemberAdded": return new QueueMemberAddedEvent(message, received, session);
                case "QueueMemberRemoved": return new QueueMemberRemovedEvent(message, received, session);
                case "QueueMemberPenalty": return new QueueMemberPenaltyEvent(message, received, session);
                case "QueueCallerJoin": return new QueueCallerJoinEvent(message, received, session);
                case "QueueCallerLeave": return new QueueCallerLeaveEvent(message, received, session);
                case "QueueCallerAbandon": return new QueueCallerAbandonEvent(message, received, session);
                case "AgentCalled": return new AgentCalledEvent(message, received, session);
                case "AgentConnect": return new AgentConnectEvent(message, received, session);
                case "AgentComplete": return new AgentCompleteEvent(message, received, session);
                case "AgentRingNoAnswer": return new AgentRingNoAnswerEvent(message, received, session);
                case "QueueParams": return new QueueParamsEvent(message, received, session);
                case "QueueMember": return new QueueMemberEvent(message, received, session);
                case "QueueEntry": return new QueueEntryEvent(message, received, session);
                case "QueueSummary": return new QueueSummaryEvent(message, received, session);
                case "Cdr": return new CdrEvent(message, received, session);
                case "FullyBooted": return new FullyBootedEvent(message, received, session);
                case "Shutdown": return new ShutdownEvent(message, received, session);
                case "Reload": return new ReloadEvent(message, received, session);
                default: return new AmiEvent(message, received, session);
            }
        }
    }
}
