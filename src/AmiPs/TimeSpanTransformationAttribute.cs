using System;
using System.Globalization;
using System.Management.Automation;

namespace AmiPs.Commands
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds (<c>-Timeout 5</c>), as people expect; without it
    /// PowerShell would read 5 as five ticks. TimeSpan values and strings such as <c>00:00:05</c> pass unchanged.
    /// A negative time is refused: no AmiPs time means "forever" as -1 (leave the parameter out to wait without limit).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            TimeSpan? time = value switch
            {
                TimeSpan t => t,
                int i => TimeSpan.FromSeconds(i),
                long l => TimeSpan.FromSeconds(l),
                double d => TimeSpan.FromSeconds(d),
                decimal m => TimeSpan.FromSeconds((double)m),
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
                string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
            if (time < TimeSpan.Zero)
            {
                throw new ArgumentTransformationMetadataException(
                    $"A time cannot be negative ({value}). Give seconds or a TimeSpan of zero or more; to wait without limit, leave the parameter out.");
            }

            return time ?? inputData;
        }
    }
}
