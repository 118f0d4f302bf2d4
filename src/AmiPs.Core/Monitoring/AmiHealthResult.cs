using System;
using System.Globalization;

namespace AmiPs.Monitoring
{
    /// <summary>
    /// One check's verdict about one target of one PBX: what was measured, against which thresholds, and a line a
    /// person understands. Plain values only, so it survives remoting, jobs and <c>ConvertTo-Json</c>.
    /// </summary>
    public sealed class AmiHealthResult
    {
        public AmiHealthResult(string computerName, string check, string? target, AmiHealthStatus status, string message)
        {
            ComputerName = computerName ?? string.Empty;
            Check = check ?? throw new ArgumentNullException(nameof(check));
            Target = target ?? string.Empty;
            Status = status;
            Message = message ?? string.Empty;
        }

        /// <summary>The PBX this is about, as it was given (<c>-ComputerName</c> or the session's host).</summary>
        public string ComputerName { get; }

        /// <summary>The check that produced this result (<c>Connection</c>, <c>Channels</c>, ...).</summary>
        public string Check { get; }

        /// <summary>The trunk, endpoint, queue or channel it is about; empty for the PBX as a whole.</summary>
        public string Target { get; }

        public AmiHealthStatus Status { get; }

        /// <summary>The measured figure, when the check measures one.</summary>
        public double? Value { get; init; }

        /// <summary>The unit of <see cref="Value"/> and the thresholds: <c>ms</c>, <c>s</c>, or empty for a count.</summary>
        public string Unit { get; init; } = string.Empty;

        /// <summary>The Warning threshold used, if any.</summary>
        public double? Warning { get; init; }

        /// <summary>The Critical threshold used, if any.</summary>
        public double? Critical { get; init; }

        /// <summary>
        /// Further figures measured beside <see cref="Value"/>, each with its own levels (the Queues check's
        /// <c>LongestWait</c>); empty for most checks. Nagios perfdata has a label for each.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<AmiHealthMeasure> Measures { get; init; } = Array.Empty<AmiHealthMeasure>();

        /// <summary>One line for a person: what is wrong, or that all is well.</summary>
        public string Message { get; }

        /// <summary>When the result was made.</summary>
        public DateTimeOffset Time { get; init; } = DateTimeOffset.Now;

        public override string ToString()
        {
            var what = Target.Length == 0 ? Check : Check + " " + Target;
            var host = ComputerName.Length == 0 ? string.Empty : ComputerName + " ";
            return string.Format(CultureInfo.InvariantCulture, "{0}{1}: {2} - {3}", host, what, Status.ToString().ToUpperInvariant(), Message);
        }
    }
}
