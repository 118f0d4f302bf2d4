using System;
using System.Collections.Generic;

namespace AmiPs.Tracking
{
    /// <summary>
    /// The state behind a tracker of named PBX objects (endpoints, registrations): immutable items by name, changed
    /// by live events on the reader thread, replaced by a list after every login, read by any thread. A live event
    /// handled while a list is loading is newer than the list and wins over it. Queries get a sorted array that is
    /// built once per change, so asking again costs nothing on a large PBX.
    /// </summary>
    internal sealed class LiveTable<T>
        where T : class
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, T> _items = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<T, string> _keyOf;

        // Names a live event changed while a list was loading (null otherwise).
        private HashSet<string>? _changedDuringLoad;
        private IReadOnlyList<T>? _sorted;

        public LiveTable(Func<T, string> keyOf)
        {
            _keyOf = keyOf;
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _items.Count;
                }
            }
        }

        /// <summary>Marks the start of a load, before its first action is sent.</summary>
        public void BeginLoad()
        {
            lock (_gate)
            {
                _changedDuringLoad = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }
        }

        /// <summary>Ends a load that could not finish (the items stay as they were).</summary>
        public void EndLoad()
        {
            lock (_gate)
            {
                _changedDuringLoad = null;
            }
        }

        /// <summary>
        /// Changes one item: <paramref name="change"/> gets the known item (or null) and returns the new one, null to
        /// remove it, or the same instance for no change. Returns the new item when it changed, else null.
        /// </summary>
        public T? Update<TArg>(string key, TArg arg, Func<T?, TArg, T?> change)
        {
            lock (_gate)
            {
                _items.TryGetValue(key, out var known);
                var item = change(known, arg);
                if (ReferenceEquals(item, known))
                {
                    return null;
                }

                if (item is null)
                {
                    _items.Remove(key);
                }
                else
                {
                    _items[key] = item;
                }

                _changedDuringLoad?.Add(key);
                _sorted = null;
                return item;
            }
        }

        /// <summary>
        /// Replaces every item with a fresh list, except those a live event changed during the load; where an item
        /// was known, <paramref name="merge"/> makes the new one from both (to keep LastChanged when nothing changed).
        /// </summary>
        public void Load(IEnumerable<T> fresh, Func<T, T, T> merge)
        {
            var items = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in fresh)
            {
                items[_keyOf(item)] = item;
            }

            lock (_gate)
            {
                foreach (var key in new List<string>(items.Keys))
                {
                    if (_items.TryGetValue(key, out var known))
                    {
                        items[key] = merge(known, items[key]);
                    }
                }

                if (_changedDuringLoad is { } changed)
                {
                    foreach (var key in changed)
                    {
                        if (_items.TryGetValue(key, out var live))
                        {
                            items[key] = live;
                        }
                        else
                        {
                            items.Remove(key); // removed by a live event after the list was made
                        }
                    }

                    _changedDuringLoad = null;
                }

                _items.Clear();
                foreach (var pair in items)
                {
                    _items.Add(pair.Key, pair.Value);
                }

                _sorted = null;
            }
        }

        public T? Find(string key)
        {
            lock (_gate)
            {
                return _items.TryGetValue(key, out var item) ? item : null;
            }
        }

        /// <summary>Every item in name order (numbers as numbers: 2 before 10); the same array until something changes.</summary>
        public IReadOnlyList<T> Snapshot()
        {
            lock (_gate)
            {
                if (_sorted is null)
                {
                    var sorted = new T[_items.Count];
                    _items.Values.CopyTo(sorted, 0);
                    Array.Sort(sorted, (a, b) => NaturalOrder.Compare(_keyOf(a), _keyOf(b)));
                    _sorted = Array.AsReadOnly(sorted);
                }

                return _sorted;
            }
        }
    }

    /// <summary>Names in the order people expect: numeric names as numbers (<c>2</c> before <c>10</c>), others as text, ignoring case.</summary>
    internal static class NaturalOrder
    {
        public static int Compare(string a, string b)
        {
            var aNumber = long.TryParse(a, out var x);
            var bNumber = long.TryParse(b, out var y);
            if (aNumber && bNumber)
            {
                return x.CompareTo(y);
            }

            if (aNumber != bNumber)
            {
                return aNumber ? -1 : 1;
            }

            return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        }
    }
}
