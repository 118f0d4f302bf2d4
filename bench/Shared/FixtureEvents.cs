using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AmiPs.Bench
{
    /// <summary>
    /// The realistic event mix: every live event (no ActionID) of the recorded Asterisk transcripts, byte-exact,
    /// each ending with its empty line. About 410 bytes and 18.5 fields an event; VarSet and Newexten dominate,
    /// as on a real PBX.
    /// </summary>
    public static class FixtureEvents
    {
        private static readonly Lazy<IReadOnlyList<IReadOnlyList<byte[]>>> LazyByFile = new Lazy<IReadOnlyList<IReadOnlyList<byte[]>>>(Load);
        private static readonly Lazy<IReadOnlyList<byte[]>> LazyEvents = new Lazy<IReadOnlyList<byte[]>>(() => LazyByFile.Value.SelectMany(f => f).ToList());

        public static IReadOnlyList<byte[]> Events => LazyEvents.Value;

        /// <summary>The same events, one list per transcript (a call's sequence, for <see cref="CallFlood"/>).</summary>
        public static IReadOnlyList<IReadOnlyList<byte[]>> EventsByFile => LazyByFile.Value;

        public static string RepoRoot => FindRoot();

        public static string FixturesDirectory =>
            Environment.GetEnvironmentVariable("AMIPS_FIXTURES") ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "asterisk"));

        public static double AverageBytes => Events.Average(e => e.Length);

        /// <summary>
        /// The events one after another, repeated until at least <paramref name="minBytes"/> long; whole events only.
        /// Each repetition is a new set of calls: the epoch prefix of every Uniqueid, Linkedid and Timestamp
        /// (<c>179549</c>) is replaced by a number of the same length, so ids repeat within a call, as on a real PBX,
        /// but not from one round to the next (a parser cache must not look better than it would live). The calls follow
        /// one another; the flood servers use <see cref="CallFlood"/> instead (concurrent calls, ids never reused).
        /// </summary>
        public static byte[] Concatenated(int minBytes, out int eventCount)
        {
            var output = new MemoryStream();
            var marker = Encoding.ASCII.GetBytes("179549");
            eventCount = 0;
            for (var round = 0; output.Length < minBytes; round++)
            {
                var prefix = Encoding.ASCII.GetBytes((179549 + round * 7).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
                foreach (var e in Events)
                {
                    var copy = (byte[])e.Clone();
                    for (var at = copy.AsSpan().IndexOf(marker); at >= 0;)
                    {
                        prefix.CopyTo(copy, at);
                        var next = copy.AsSpan(at + marker.Length).IndexOf(marker);
                        at = next < 0 ? -1 : at + marker.Length + next;
                    }

                    output.Write(copy, 0, copy.Length);
                    eventCount++;
                }
            }

            return output.ToArray();
        }

        /// <summary>Length of each event in <see cref="Concatenated"/> order (the same for every round).</summary>
        public static int LengthAt(int index) => Events[index % Events.Count].Length;

        private static IReadOnlyList<IReadOnlyList<byte[]>> Load()
        {
            var separator = Encoding.ASCII.GetBytes("\r\n\r\n");
            var files = new List<IReadOnlyList<byte[]>>();
            foreach (var file in Directory.GetFiles(FixturesDirectory, "*.ami").OrderBy(f => f, StringComparer.Ordinal))
            {
                var events = new List<byte[]>();
                var bytes = File.ReadAllBytes(file);
                var start = bytes.AsSpan().IndexOf((byte)'\n') + 1; // after the banner
                while (start < bytes.Length)
                {
                    var length = bytes.AsSpan(start).IndexOf(separator);
                    if (length < 0)
                    {
                        break;
                    }

                    var message = bytes.AsSpan(start, length + separator.Length).ToArray();
                    var text = Encoding.UTF8.GetString(message);
                    if (text.StartsWith("Event:", StringComparison.Ordinal) && !text.Contains("\r\nActionID:", StringComparison.Ordinal))
                    {
                        events.Add(message);
                    }

                    start += length + separator.Length;
                }

                if (events.Count > 0)
                {
                    files.Add(events);
                }
            }

            if (files.Count == 0)
            {
                throw new InvalidOperationException("No events found in " + FixturesDirectory);
            }

            return files;
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(Environment.GetEnvironmentVariable("AMIPS_REPO") ?? AppContext.BaseDirectory);
            while (dir is not null)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AmiPs.sln")))
                {
                    return dir.FullName;
                }

                dir = dir.Parent;
            }

            throw new InvalidOperationException("AmiPs.sln not found above " + AppContext.BaseDirectory + " (set AMIPS_REPO).");
        }
    }
}
