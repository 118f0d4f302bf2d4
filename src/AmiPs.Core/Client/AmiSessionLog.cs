using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AmiPs.Client
{
    /// <summary>
    /// A session's logger: keeps the last entries in bounded buffers (what happened between cmdlets: reconnects,
    /// drops, protocol errors), tells live listeners (the running cmdlet's queue), and forwards to the configured
    /// <see cref="ILoggerFactory"/>. Debug entries are bounded apart from Information and up, so a busy PBX's
    /// stream of Debug lines (an extension status a second) cannot push out the connects, reconnects and warnings:
    /// those are rare and stay for days.
    /// </summary>
    public sealed class AmiSessionLog : ILogger
    {
        private readonly object _gate = new object();
        private readonly Queue<(long Order, AmiLogEntry Entry)> _debug = new Queue<(long, AmiLogEntry)>();
        private readonly Queue<(long Order, AmiLogEntry Entry)> _important = new Queue<(long, AmiLogEntry)>();
        private readonly int _capacity;
        private readonly ILogger _inner;
        private readonly string _session;
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private Action<AmiLogEntry>[] _listeners = Array.Empty<Action<AmiLogEntry>>();
        private long _fileWriteFailures;
        private long _order;

        public AmiSessionLog(string session, int capacity, ILoggerFactory factory)
        {
            _session = session;
            _capacity = capacity;
            _inner = factory.CreateLogger("AmiPs.Session");
        }

        /// <summary>
        /// The entries kept, oldest first, optionally filtered: up to the capacity of Debug entries and, apart from
        /// them, up to the capacity of Information, Warning and Error entries.
        /// </summary>
        public IReadOnlyList<AmiLogEntry> GetEntries(LogLevel minimum = LogLevel.Trace, DateTimeOffset? since = null)
        {
            lock (_gate)
            {
                var kept = minimum > LogLevel.Debug ? _important : _important.Concat(_debug);
                return kept
                    .Where(item => item.Entry.Level >= minimum && (since is null || item.Entry.Time >= since))
                    .OrderBy(item => item.Order)
                    .Select(item => item.Entry)
                    .ToList();
            }
        }

        /// <summary>Calls <paramref name="listener"/> for each new entry (on the thread that logs) until the result is disposed.</summary>
        public IDisposable Listen(Action<AmiLogEntry> listener)
        {
            lock (_gate)
            {
                var updated = new Action<AmiLogEntry>[_listeners.Length + 1];
                _listeners.CopyTo(updated, 0);
                updated[updated.Length - 1] = listener;
                _listeners = updated;
            }

            return new Listener(this, listener);
        }

        /// <summary>
        /// Appends every entry from now on (Debug and up) to a text file, one line each, until the result is
        /// disposed. The file is opened per line, so it can be rotated or read at any time; a failing write is
        /// counted in <see cref="FileWriteFailures"/>, never thrown into the thread that logged.
        /// </summary>
        public IDisposable WriteTo(string path)
        {
            var fullPath = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var fileGate = new object();
            return Listen(entry =>
            {
                if (entry.Level < LogLevel.Debug)
                {
                    return;
                }

                try
                {
                    lock (fileGate)
                    {
                        File.AppendAllText(fullPath, entry.ToString() + Environment.NewLine, Utf8NoBom);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    System.Threading.Interlocked.Increment(ref _fileWriteFailures);
                }
            });
        }

        /// <summary>Lines that could not be written to the <see cref="WriteTo"/> file.</summary>
        public long FileWriteFailures => System.Threading.Interlocked.Read(ref _fileWriteFailures);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.None)
            {
                return;
            }

            if (_inner.IsEnabled(logLevel))
            {
                _inner.Log(logLevel, eventId, state, exception, formatter);
            }

            var entry = new AmiLogEntry(DateTimeOffset.Now, logLevel, eventId, _session, formatter(state, exception), exception?.Message);
            Action<AmiLogEntry>[] listeners;
            lock (_gate)
            {
                if (logLevel > LogLevel.Trace && _capacity > 0)
                {
                    var kept = logLevel == LogLevel.Debug ? _debug : _important;
                    kept.Enqueue((_order++, entry));
                    while (kept.Count > _capacity)
                    {
                        kept.Dequeue();
                    }
                }

                listeners = _listeners;
            }

            foreach (var listener in listeners)
            {
                listener(entry);
            }
        }

        private void Remove(Action<AmiLogEntry> listener)
        {
            lock (_gate)
            {
                var list = new List<Action<AmiLogEntry>>(_listeners);
                list.Remove(listener);
                _listeners = list.ToArray();
            }
        }

        private sealed class Listener : IDisposable
        {
            private readonly AmiSessionLog _log;
            private Action<AmiLogEntry>? _listener;

            public Listener(AmiSessionLog log, Action<AmiLogEntry> listener)
            {
                _log = log;
                _listener = listener;
            }

            public void Dispose()
            {
                var listener = System.Threading.Interlocked.Exchange(ref _listener, null);
                if (listener is not null)
                {
                    _log.Remove(listener);
                }
            }
        }

        // What Export-Csv writes for the session's Log column (it writes ToString(), which was the type name).
        public override string ToString() => $"{GetEntries().Count} entries";
    }
}
