using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using Microsoft.Extensions.Logging;

namespace AmiPs.Tracking
{
    /// <summary>
    /// What the endpoint and registration trackers share: a table of named objects, loaded from the SIP stack the
    /// server has (PJSIP, else chan_sip) after every login, kept live from events on the reader thread, with the last
    /// load's time, stack and failure. Thread-safe.
    /// </summary>
    public abstract class AmiSipTracker<T> : IAmiStateTracker
        where T : class
    {
        private readonly object _gate = new object();
        private string? _loadError;
        private DateTimeOffset? _loadedAt;
        private volatile int _stack;

        private protected AmiSipTracker(string? session, Func<T, string> keyOf)
        {
            SessionName = session;
            Table = new LiveTable<T>(keyOf);
        }

        /// <summary>Raised (on the reader thread) after a live event changed an object.</summary>
        public event Action<T>? Changed;

        /// <summary>The stack the last load read (None before a load, or when the server has neither).</summary>
        public AmiSipStack Stack => (AmiSipStack)_stack;

        /// <summary>When the last load finished; null before one.</summary>
        public DateTimeOffset? LoadedAt
        {
            get
            {
                lock (_gate)
                {
                    return _loadedAt;
                }
            }
        }

        /// <summary>Why the last load failed (for example, the server has no SIP stack); null after a good one.</summary>
        public string? LoadError
        {
            get
            {
                lock (_gate)
                {
                    return _loadError;
                }
            }
        }

        public int Count => Table.Count;

        AmiTrackedState IAmiStateTracker.Kind => Kind;

        private protected abstract AmiTrackedState Kind { get; }

        /// <summary>What the objects are, for messages (<c>endpoints</c>).</summary>
        private protected abstract string What { get; }

        private protected LiveTable<T> Table { get; }

        private protected string? SessionName { get; }

        /// <summary>Applies a live event; events that are not this tracker's return at once, allocating nothing.</summary>
        internal abstract void Apply(AmiEvent amiEvent);

        void IAmiStateTracker.Apply(AmiEvent amiEvent) => Apply(amiEvent);

        /// <summary>
        /// Loads every object from the PBX (after each login; a cmdlet calls it when the session does not track them).
        /// Throws <see cref="AmiFeatureMissingException"/> when the server has neither PJSIP nor chan_sip.
        /// </summary>
        internal async Task LoadAsync(AmiSession session, CancellationToken cancellationToken = default)
        {
            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            Table.BeginLoad();
            try
            {
                var stack = await SipLoad.StackAsync(session, What, cancellationToken).ConfigureAwait(false);
                var fresh = await LoadItemsAsync(session, stack, cancellationToken).ConfigureAwait(false);
                _stack = (int)stack;
                Table.Load(fresh, Merge);
                SetLoaded(DateTimeOffset.Now, null);
            }
            catch (Exception ex) when (ex is AmiException or OperationCanceledException)
            {
                SetLoaded(LoadedAt, ex.Message);
                throw;
            }
            finally
            {
                Table.EndLoad();
            }
        }

        async Task IAmiStateTracker.ResyncAsync(AmiSession session, CancellationToken cancellationToken)
        {
            try
            {
                await LoadAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AmiFeatureMissingException or AmiResponseException)
            {
                // A server without SIP, or a user without the rights for its lists (PJSIPShowEndpoints needs class
                // system), is no fault of the link: LoadError says so, and Get-Ami* reports it when asked.
                session.Logger.LogInformation(AmiLogEvents.ResyncFailed, "{What} not loaded: {Reason}", What, ex.Message);
            }
        }

        /// <summary>The objects as the PBX lists them now, read from <paramref name="stack"/>.</summary>
        private protected abstract Task<List<T>> LoadItemsAsync(AmiSession session, AmiSipStack stack, CancellationToken cancellationToken);

        /// <summary>A freshly listed object where one was known: the fresh one, keeping LastChanged when nothing changed.</summary>
        private protected abstract T Merge(T known, T fresh);

        /// <summary>Whether an event of <paramref name="stack"/> is this tracker's (any before the first load).</summary>
        private protected bool Accepts(AmiSipStack stack) => Stack == AmiSipStack.None || Stack == stack;

        private protected void Publish(T? changed)
        {
            if (changed is not null)
            {
                Changed?.Invoke(changed);
            }
        }

        private void SetLoaded(DateTimeOffset? loadedAt, string? error)
        {
            lock (_gate)
            {
                _loadedAt = loadedAt;
                _loadError = error;
            }
        }

        // What Export-Csv writes for the session's Endpoints and Registrations column (it writes ToString(), which was the type name).
        public override string ToString() => $"{Count} loaded ({Stack})";
    }
}
