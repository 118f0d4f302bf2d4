using System;
using System.Collections.Generic;
using System.Globalization;
using AmiPs.Events;
using AmiPs.Protocol;

namespace AmiPs.Bench
{
    /// <summary>Events for the tracker at scale: many distinct calls and extensions, shaped as Asterisk sends them.</summary>
    public static class SyntheticEvents
    {
        public static AmiEvent Newchannel(int call, int leg = 0) => Create(NewchannelFields(call, leg));

        public static AmiEvent ExtensionStatus(int extension, int status) => Create(ExtensionStatusFields(extension, status));

        public static AmiField[] NewchannelFields(int call, int leg)
        {
            var uniqueid = Uniqueid(call, leg);
            return new[]
            {
                new AmiField("Event", "Newchannel"),
                new AmiField("Privilege", "call,all"),
                new AmiField("Channel", "PJSIP/" + (1000 + (call % 9000)).ToString(CultureInfo.InvariantCulture) + "-" + call.ToString("x8", CultureInfo.InvariantCulture)),
                new AmiField("ChannelState", "4"),
                new AmiField("ChannelStateDesc", "Ring"),
                new AmiField("CallerIDNum", "555" + call.ToString("D7", CultureInfo.InvariantCulture)),
                new AmiField("CallerIDName", "Caller " + call.ToString(CultureInfo.InvariantCulture)),
                new AmiField("ConnectedLineNum", "<unknown>"),
                new AmiField("ConnectedLineName", "<unknown>"),
                new AmiField("Language", "en"),
                new AmiField("AccountCode", string.Empty),
                new AmiField("Context", "office"),
                new AmiField("Exten", "2000"),
                new AmiField("Priority", "1"),
                new AmiField("Uniqueid", uniqueid),
                new AmiField("Linkedid", Uniqueid(call, 0)),
            };
        }

        public static AmiEvent Newstate(int call, int leg = 0) => Create(new[]
        {
            new AmiField("Event", "Newstate"),
            new AmiField("Privilege", "call,all"),
            new AmiField("Channel", "PJSIP/x-" + call.ToString("x8", CultureInfo.InvariantCulture)),
            new AmiField("ChannelState", "6"),
            new AmiField("ChannelStateDesc", "Up"),
            new AmiField("CallerIDNum", "555" + call.ToString("D7", CultureInfo.InvariantCulture)),
            new AmiField("CallerIDName", "Caller"),
            new AmiField("ConnectedLineNum", "2000"),
            new AmiField("ConnectedLineName", "<unknown>"),
            new AmiField("Language", "en"),
            new AmiField("AccountCode", string.Empty),
            new AmiField("Context", "office"),
            new AmiField("Exten", "2000"),
            new AmiField("Priority", "1"),
            new AmiField("Uniqueid", Uniqueid(call, leg)),
            new AmiField("Linkedid", Uniqueid(call, 0)),
        });

        public static AmiField[] ExtensionStatusFields(int extension, int status) => new[]
        {
            new AmiField("Event", "ExtensionStatus"),
            new AmiField("Privilege", "call,all"),
            new AmiField("Exten", (10000 + extension).ToString(CultureInfo.InvariantCulture)),
            new AmiField("Context", "office"),
            new AmiField("Hint", "PJSIP/" + (10000 + extension).ToString(CultureInfo.InvariantCulture)),
            new AmiField("Status", status.ToString(CultureInfo.InvariantCulture)),
            new AmiField("StatusText", status == 0 ? "Idle" : "InUse"),
        };

        public static IEnumerable<AmiEvent> Calls(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return Newchannel(i, 0);
                yield return Newchannel(i, 1);
            }
        }

        private static string Uniqueid(int call, int leg) =>
            "1795492231." + (call * 2 + leg).ToString(CultureInfo.InvariantCulture);

        private static AmiEvent Create(AmiField[] fields) => AmiEventFactory.Create(new AmiMessage(fields), DateTimeOffset.Now, "bench");
    }
}
