using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;

namespace AmiPs.Commands
{
    /// <summary>
    /// Things that belong to the runspace that made them, as PSSessions and Posh-SSH sessions do: each runspace sees
    /// only its own (so a <c>ForEach-Object -Parallel</c> worker cannot list, or close, its caller's), names are unique
    /// within a runspace, and what a runspace still holds when it closes is closed with it (nothing is left
    /// reconnecting for a runspace that is gone). A module-level store, not a $Global: variable.
    /// </summary>
    internal sealed class RunspaceStore<T>
        where T : class
    {
        private readonly object _gate = new object();
        private readonly Dictionary<Guid, Slot> _byRunspace = new Dictionary<Guid, Slot>();
        private readonly Func<T, string> _nameOf;
        private readonly Action<T> _close;

        public RunspaceStore(Func<T, string> nameOf, Action<T> close)
        {
            _nameOf = nameOf;
            _close = close;
        }

        /// <summary>The current runspace's items, oldest first.</summary>
        public IReadOnlyList<T> Current
        {
            get
            {
                lock (_gate)
                {
                    return _byRunspace.TryGetValue(CurrentKey, out var slot) ? slot.Items.ToArray() : Array.Empty<T>();
                }
            }
        }

        /// <summary>The newest item added in the current runspace, until it is removed (then none).</summary>
        public T? Default
        {
            get
            {
                lock (_gate)
                {
                    return _byRunspace.TryGetValue(CurrentKey, out var slot) ? slot.Default : null;
                }
            }
        }

        private static Guid CurrentKey => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        /// <summary>Adds to the current runspace; the first item of a runspace ties the store to its closing.</summary>
        public void Add(T item)
        {
            var runspace = Runspace.DefaultRunspace;
            var key = runspace?.InstanceId ?? Guid.Empty;
            lock (_gate)
            {
                if (!_byRunspace.TryGetValue(key, out var slot))
                {
                    slot = new Slot();
                    _byRunspace[key] = slot;
                    if (runspace is not null)
                    {
                        runspace.StateChanged += OnRunspaceStateChanged;
                    }
                }

                slot.Items.Add(item);
                slot.Default = item;
            }
        }

        /// <summary>Takes the item out of whichever runspace holds it; false when it was not there.</summary>
        public bool Remove(T item)
        {
            lock (_gate)
            {
                foreach (var slot in _byRunspace.Values)
                {
                    if (slot.Items.Remove(item))
                    {
                        if (ReferenceEquals(slot.Default, item))
                        {
                            slot.Default = null;
                        }

                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The item of the current runspace with this name (ignoring case), or null.</summary>
        public T? Find(string name) => Current.FirstOrDefault(item => string.Equals(_nameOf(item), name, StringComparison.OrdinalIgnoreCase));

        /// <summary>A name no item of the current runspace has: the wanted one, then wanted#2, wanted#3 ...</summary>
        public string UniqueName(string wanted)
        {
            var taken = new HashSet<string>(Current.Select(_nameOf), StringComparer.OrdinalIgnoreCase);
            var name = wanted;
            for (var n = 2; taken.Contains(name); n++)
            {
                name = wanted + "#" + n;
            }

            return name;
        }

        private void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (sender is not Runspace runspace || e.RunspaceStateInfo.State is not (RunspaceState.Closed or RunspaceState.Broken))
            {
                return;
            }

            runspace.StateChanged -= OnRunspaceStateChanged;
            Slot? orphans;
            lock (_gate)
            {
                if (_byRunspace.TryGetValue(runspace.InstanceId, out orphans))
                {
                    _byRunspace.Remove(runspace.InstanceId);
                }
            }

            foreach (var item in orphans?.Items ?? new List<T>())
            {
                _close(item);
            }
        }

        private sealed class Slot
        {
            public List<T> Items { get; } = new List<T>();

            public T? Default { get; set; }
        }
    }
}
