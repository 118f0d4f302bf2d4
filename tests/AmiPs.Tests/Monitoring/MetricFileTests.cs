using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Monitoring.Formats;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>Export-AmiMetric's write: a reader sees the old file or the new one, never a part, and no temporary file stays behind.</summary>
    public sealed class MetricFileTests : IDisposable
    {
        private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "amips-metrics-" + Guid.NewGuid().ToString("N"))).FullName;

        [Fact]
        public async Task A_reader_never_sees_a_half_written_file()
        {
            var path = Path.Combine(_folder, "asterisk.prom");
            var a = string.Concat(Enumerable.Repeat("a_metric 1\n", 20_000));
            var b = string.Concat(Enumerable.Repeat("b_metric 2\n", 30_000));
            AmiMetricFile.WriteAtomic(path, a);
            using var stop = new CancellationTokenSource();
            using var firstRead = new ManualResetEventSlim();
            var reads = 0;
            var reader = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var seen = File.ReadAllText(path);
                    Assert.True(seen == a || seen == b, $"read {seen.Length} characters: neither version");
                    Volatile.Write(ref reads, reads + 1);
                    firstRead.Set();
                }
            });

            // The writes must overlap the reads: wait until the reader runs, then write until it has read a few times
            // during them (a loaded pool can start the reader after 200 quick writes are over).
            Assert.True(firstRead.Wait(TimeSpan.FromSeconds(30)), "the reader never started");
            var before = Volatile.Read(ref reads);
            for (var i = 0; i < 200 || (Volatile.Read(ref reads) - before < 20 && i < 200_000); i++)
            {
                AmiMetricFile.WriteAtomic(path, i % 2 == 0 ? b : a);
            }

            AmiMetricFile.WriteAtomic(path, a);
            stop.Cancel();
            await reader;
            Assert.True(reads - before >= 20, $"{reads - before} reads during the writes");
            Assert.Equal(a, File.ReadAllText(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void A_missing_folder_is_a_clear_error_and_writes_nothing()
        {
            var path = Path.Combine(_folder, "no-such-folder", "asterisk.prom");

            var error = Assert.Throws<DirectoryNotFoundException>(() => AmiMetricFile.WriteAtomic(path, "x 1\n"));

            Assert.Contains("no-such-folder", error.Message);
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
