using System;
using System.Threading;

namespace AmiPs.Client
{
    /// <summary>
    /// The local time for stamping events, cheaply. <see cref="DateTimeOffset.Now"/> asks the time zone for the
    /// offset twice on every call (once for <see cref="DateTime.Now"/>, again for the <see cref="DateTimeOffset"/>),
    /// which showed at hundreds of thousands of events a second. This reads the UTC clock and applies the local
    /// offset, re-read from the time zone at most once a second: the instant is always exact, and after a daylight
    /// saving change the offset shown is up to a second late. Thread-safe: the cache is one immutable pair.
    /// </summary>
    internal static class AmiLocalClock
    {
        private static Entry s_entry = new Entry(long.MinValue, TimeSpan.Zero);

        public static DateTimeOffset Now
        {
            get
            {
                var utc = DateTime.UtcNow;
                var entry = Volatile.Read(ref s_entry);
                if (utc.Ticks >= entry.ValidUntilTicks)
                {
                    entry = new Entry(utc.Ticks + TimeSpan.TicksPerSecond, TimeZoneInfo.Local.GetUtcOffset(utc));
                    Volatile.Write(ref s_entry, entry);
                }

                return new DateTimeOffset(utc.Ticks + entry.Offset.Ticks, entry.Offset);
            }
        }

        private sealed class Entry
        {
            public Entry(long validUntilTicks, TimeSpan offset)
            {
                ValidUntilTicks = validUntilTicks;
                Offset = offset;
            }

            public long ValidUntilTicks { get; }

            public TimeSpan Offset { get; }
        }
    }
}
