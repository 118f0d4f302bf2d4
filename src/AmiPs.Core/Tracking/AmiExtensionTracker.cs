using System;
using System.Collections.Generic;
using AmiPs.Events;

namespace AmiPs.Tracking
{
    /// <summary>
    /// Hinted extensions and their states: loaded with <c>ExtensionStateList</c> after each login, kept live from
    /// <c>ExtensionStatus</c> events. Thread-safe.
    /// </summary>
    public sealed class AmiExtensionTracker
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, AmiExtension> _extensions = new Dictionary<string, AmiExtension>(StringComparer.OrdinalIgnoreCase);
        private readonly string? _session;

        // Extensions a live event changed while a list was being loaded (null otherwise): newer than the list.
        private HashSet<string>? _changedDuringLoad;

        internal AmiExtensionTracker(string? session = null)
        {
            _session = session;
        }

        /// <summary>Raised (on the reader thread) when an extension's state changes (not for a repeat of the same state).</summary>
        public event Action<AmiExtension>? Changed;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _extensions.Count;
                }
            }
        }

        /// <summary>Applies a live <c>ExtensionStatus</c> event; other events are ignored.</summary>
        internal void Apply(AmiEvent amiEvent)
        {
            if (amiEvent is not ExtensionStatusEvent status)
            {
                return;
            }

            var extension = FromEvent(status);
            if (extension is null)
            {
                return;
            }

            var key = Key(extension.Exten, extension.Context);
            lock (_gate)
            {
                // Asterisk repeats ExtensionStatus while a hint rings: the same state again is no change.
                if (_extensions.TryGetValue(key, out var known) && known.Status == extension.Status && known.Hint == extension.Hint)
                {
                    return;
                }

                _extensions[key] = extension;
                _changedDuringLoad?.Add(key);
            }

            Changed?.Invoke(extension);
        }

        /// <summary>
        /// Marks the start of a load, before <c>ExtensionStateList</c> is sent: a live <c>ExtensionStatus</c> handled
        /// between the PBX's answer and <see cref="Load"/> is newer than the list and wins over it.
        /// </summary>
        internal void BeginLoad()
        {
            lock (_gate)
            {
                _changedDuringLoad = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }
        }

        /// <summary>Ends a load that could not finish.</summary>
        internal void EndLoad()
        {
            lock (_gate)
            {
                _changedDuringLoad = null;
            }
        }

        /// <summary>Replaces every state with the items of an <c>ExtensionStateList</c> (empty when the PBX has no hints); other events are skipped.</summary>
        internal void Load(IEnumerable<AmiEvent> items)
        {
            var fresh = new Dictionary<string, AmiExtension>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                if (item is ExtensionStatusEvent status && FromEvent(status) is { } extension)
                {
                    fresh[Key(extension.Exten, extension.Context)] = extension;
                }
            }

            lock (_gate)
            {
                // Keep LastChanged for extensions whose state did not change while we were away.
                foreach (var pair in fresh)
                {
                    if (_extensions.TryGetValue(pair.Key, out var known) && known.Status == pair.Value.Status)
                    {
                        fresh[pair.Key] = known;
                    }
                }

                if (_changedDuringLoad is { } changed)
                {
                    foreach (var key in changed)
                    {
                        if (_extensions.TryGetValue(key, out var live))
                        {
                            fresh[key] = live;
                        }
                    }

                    _changedDuringLoad = null;
                }

                _extensions.Clear();
                foreach (var pair in fresh)
                {
                    _extensions.Add(pair.Key, pair.Value);
                }
            }
        }

        public IReadOnlyList<AmiExtension> GetExtensions()
        {
            lock (_gate)
            {
                var list = new List<AmiExtension>(_extensions.Values);
                list.Sort((a, b) =>
                {
                    var byContext = string.Compare(a.Context, b.Context, StringComparison.OrdinalIgnoreCase);
                    return byContext != 0 ? byContext : CompareExten(a.Exten, b.Exten);
                });
                return list;
            }
        }

        private AmiExtension? FromEvent(ExtensionStatusEvent e)
        {
            var exten = e.Exten;
            var context = e.Context;
            if (exten is null || context is null)
            {
                return null;
            }

            var status = e.Status ?? -1;
            return new AmiExtension(exten, context, e.Hint, status, e.StatusText ?? AmiStateText.DescribeExtensionState(status), e.Time, _session);
        }

        private static string Key(string exten, string context) => exten + "@" + context;

        // Numeric extensions sort as numbers (2 before 10), others as text.
        private static int CompareExten(string a, string b) =>
            long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.Compare(a, b, StringComparison.OrdinalIgnoreCase);

        // What Export-Csv writes for the session's Extensions column (it writes ToString(), which was the type name).
        public override string ToString() => $"{Count} extensions";
    }
}
