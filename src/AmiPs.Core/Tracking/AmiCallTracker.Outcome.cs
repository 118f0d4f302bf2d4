using System;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    public sealed partial class AmiCallTracker
    {
        /// <summary>
        /// The outcome: answered if any dial was answered; else the status of the channel's own dial (more precise
        /// than the Originate's), else the Originate's, else what the first channel's hang-up cause says.
        /// </summary>
        private static AmiCallDisposition Disposition(TrackedCall call)
        {
            if (call.AnswerTime is not null)
            {
                return AmiCallDisposition.Answered;
            }

            var byDial = FromDialStatus(call.DialStatus ?? call.OriginateDialStatus);
            if (byDial != AmiCallDisposition.Unknown)
            {
                return byDial;
            }

            return call.HangupCause switch
            {
                17 => AmiCallDisposition.Busy,
                18 or 19 => AmiCallDisposition.NoAnswer,
                1 or 3 or 21 or 27 or 28 or 34 or 38 or 41 or 42 or 44 or 58 => AmiCallDisposition.Failed,
                _ => AmiCallDisposition.Unknown,
            };
        }

        private static AmiCallDisposition FromDialStatus(AmiDialStatus? status) => status switch
        {
            AmiDialStatus.Answer => AmiCallDisposition.Answered,
            AmiDialStatus.Busy => AmiCallDisposition.Busy,
            AmiDialStatus.NoAnswer => AmiCallDisposition.NoAnswer,
            AmiDialStatus.Cancel => AmiCallDisposition.Cancelled,
            AmiDialStatus.Congestion or AmiDialStatus.ChanUnavail or AmiDialStatus.InvalidArgs or AmiDialStatus.DontCall or AmiDialStatus.Torture => AmiCallDisposition.Failed,
            _ => AmiCallDisposition.Unknown,
        };

        /// <summary>"1001@office" or "PJSIP/1001" -> "1001".</summary>
        internal static string? DialTarget(string? dialString)
        {
            if (string.IsNullOrEmpty(dialString))
            {
                return null;
            }

            var text = dialString!;
            var slash = text.IndexOf('/');
            if (slash >= 0)
            {
                text = text.Substring(slash + 1);
            }

            var end = text.IndexOfAny(new[] { '@', ',', '&', '/' });
            return Extension(end < 0 ? text : text.Substring(0, end));
        }

        private static string? Extension(string? exten) => string.IsNullOrEmpty(exten) ? null : exten;

        /// <summary>Caller ids Asterisk fills with <c>&lt;unknown&gt;</c> mean "not known".</summary>
        private static string? Known(string? value) => string.IsNullOrEmpty(value) || value == "<unknown>" ? null : value;
    }
}
