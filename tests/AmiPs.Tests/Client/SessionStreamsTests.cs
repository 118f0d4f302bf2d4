using System;
using System.Collections.Generic;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Client
{
    /// <summary>
    /// The order in which Receive-AmiEvent and Wait-AmiEvent open their streams (SessionStreams). A connection lost just
    /// as a stream begins is reported only if the session's log is already forwarded when the subscription starts; over
    /// a real pipeline that race shows only under load, so the order itself is checked here, through the subscriber
    /// count each session reports while its log forwarding is opened and closed.
    /// </summary>
    public sealed class SessionStreamsTests
    {
        [Fact]
        public void Every_session_log_is_forwarded_before_any_session_is_subscribed_and_until_every_subscription_has_ended()
        {
            using var first = NewSession();
            using var second = NewSession();
            var sessions = new[] { first, second };
            var subscribersWhenOpened = new List<int>();
            var subscribersWhenClosed = new List<int>();
            int Subscribers() => first.GetStatus().Subscribers + second.GetStatus().Subscribers;

            var streams = new SessionStreams(sessions, new AmiSubscriptionOptions(), session =>
            {
                subscribersWhenOpened.Add(Subscribers());
                return new Disposal(() => subscribersWhenClosed.Add(Subscribers()));
            });

            Assert.Equal(new[] { 0, 0 }, subscribersWhenOpened);
            Assert.Equal(2, streams.Subscriptions.Length);
            Assert.Equal(2, Subscribers());

            streams.Dispose();
            Assert.Equal(new[] { 0, 0 }, subscribersWhenClosed);
        }

        private static AmiSession NewSession() =>
            new AmiSession(TestDefaults.SessionOptions(port: 1), TestDefaults.Credential("user", "secret"));

        private sealed class Disposal : IDisposable
        {
            private readonly Action _onDispose;

            public Disposal(Action onDispose) => _onDispose = onDispose;

            public void Dispose() => _onDispose();
        }
    }
}
