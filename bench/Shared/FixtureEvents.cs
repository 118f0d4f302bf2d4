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
        private static readonly Lazy<IReadOnlyList<byte[]>> LazyEvents = new Lazy<IReadOnlyList<byte[]>>(Load);

        public static IReadOnlyList<byte[]> Events => LazyEvents.Value;

        public static string RepoRoot => FindRoot();

        public static string FixturesDirectory =>
            Environment.GetEnvironmentVariable("AMIPS_FIXTURES") ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "asterisk"));

        public static double AverageBytes => Events.Average(e => e.Length);

        /// <summary>The events one after another, repeated until at least <paramref name="minBytes"/> long; whole events only.</summary>
        public static byte[] Concatenated(int minBytes, out int eventCount)
        {
            var output = new MemoryStream();
            eventCount = 0;
            while (output.Length < minBytes)
            {
                foreach (var e in Events)
                {
                    output.Write(e, 0, e.Length);
                    eventCount++;
                }
            }

            return output.ToArray();
        }

        private static IReadOnlyList<byte[]> Load()
        {
            var separator = Encoding.ASCII.GetBytes("\r\n\r\n");
            var events = new List<byte[]>();
            foreach (var file in Directory.GetFiles(FixturesDirectory, "*.ami").OrderBy(f => f, StringComparer.Ordinal))
            {
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
            }

            if (events.Count == 0)
            {
                throw new InvalidOperationException("No events found in " + FixturesDirectory);
            }

            return events;
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
