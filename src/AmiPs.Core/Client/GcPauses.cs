using System;
using System.Reflection;

namespace AmiPs.Client
{
    /// <summary>
    /// How long the garbage collector has held the whole process still, in total: time no thread ran, so time a
    /// consumer cannot be blamed for. From <c>GC.GetTotalPauseDuration</c> (.NET 7 and later, so PowerShell 7.3 on);
    /// always zero where the runtime cannot tell (Windows PowerShell's .NET Framework).
    /// </summary>
    internal static class GcPauses
    {
        private static readonly Func<TimeSpan> Read = Find();

        public static TimeSpan Total => Read();

        private static Func<TimeSpan> Find()
        {
            // AmiPs.Core targets netstandard2.0 and so cannot name the method; found once, called as a delegate.
            var method = typeof(GC).GetMethod("GetTotalPauseDuration", BindingFlags.Public | BindingFlags.Static, null, Type.EmptyTypes, null);
            return method is not null && method.ReturnType == typeof(TimeSpan)
                ? (Func<TimeSpan>)Delegate.CreateDelegate(typeof(Func<TimeSpan>), method)
                : () => TimeSpan.Zero;
        }
    }
}
