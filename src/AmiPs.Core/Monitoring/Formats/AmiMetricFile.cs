using System;
using System.IO;
using System.Text;

namespace AmiPs.Monitoring.Formats
{
    /// <summary>
    /// Writes a metrics file atomically, as node_exporter's textfile collector needs: the text goes to a temporary
    /// file in the same folder (so the rename cannot cross file systems; its name does not end in <c>.prom</c>, so the
    /// collector never reads it half-written), which then replaces the target in one rename.
    /// </summary>
    public static class AmiMetricFile
    {
        public static void WriteAtomic(string path, string text)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("No metrics file path given.", nameof(path));
            }

            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The folder '{folder}' for the metrics file does not exist.");
            }

            var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = new UTF8Encoding(false).GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }

                if (File.Exists(full))
                {
                    File.Replace(temporary, full, null);
                }
                else
                {
                    File.Move(temporary, full);
                }
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }
}
