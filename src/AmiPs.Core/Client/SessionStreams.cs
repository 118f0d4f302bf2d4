using System;
using System.Collections.Generic;
using System.Linq;

namespace AmiPs.Client
{
    /// <summary>
    /// The subscriptions of a stream over several sessions (Receive-AmiEvent's, Wait-AmiEvent's), one a session, and the
    /// forwarding of those sessions' logs. The logs are listened to first: what happens to a session once its stream has
    /// begun (a connection lost at once, say) is reported, not lost between the two. Disposing ends the subscriptions,
    /// then the forwarding.
    /// </summary>
    internal sealed class SessionStreams : IDisposable
    {
        private readonly IDisposable[] _logs;

        public SessionStreams(IReadOnlyList<AmiSession> sessions, AmiSubscriptionOptions options, Func<AmiSession, IDisposable> forwardLog)
        {
            _logs = sessions.Select(forwardLog).ToArray();
            try
            {
                Subscriptions = sessions.Select(s => s.Subscribe(options)).ToArray();
            }
            catch
            {
                DisposeAll(_logs);
                throw;
            }
        }

        public AmiSubscription[] Subscriptions { get; }

        public void Dispose()
        {
            DisposeAll(Subscriptions);
            DisposeAll(_logs);
        }

        private static void DisposeAll(IEnumerable<IDisposable> items)
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
