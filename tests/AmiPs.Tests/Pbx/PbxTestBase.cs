using System;
using System.Threading;
using System.Threading.Tasks;
using AmiPs.Client;
using AmiPs.Events;
using AmiPs.Tests.Client;
using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Pbx
{
    /// <summary>A scripted server that answers from real transcripts, and a session that tracks endpoints and registrations.</summary>
    public abstract class PbxTestBase : ClientTestBase
    {
        protected static readonly TimeSpan Deadline = TestDefaults.Deadline;

        protected FixtureAnswers Answers { get; private set; } = null!;

        protected void AnswerFrom(params string[] fixtures)
        {
            Answers = new FixtureAnswers(fixtures);
            Server.OnAction = Answers.AnswerAsync;
        }

        /// <summary>The next event of a subscription, within the deadline.</summary>
        protected static async Task<AmiEvent> NextAsync(AmiSubscription subscription)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            while (true)
            {
                if (subscription.TryRead(out var amiEvent))
                {
                    return amiEvent;
                }

                if (!await subscription.WaitToReadAsync(deadline.Token))
                {
                    throw new InvalidOperationException("The subscription ended.");
                }
            }
        }

        /// <summary>A connected session whose first load has finished.</summary>
        protected async Task<AmiSession> ConnectLoadedAsync(AmiTrackedState track = AmiTrackedState.Endpoints | AmiTrackedState.Registrations)
        {
            var session = NewSession(o => o with { Track = track });
            await session.ConnectAsync();
            await Eventually.WaitUntilAsync(
                () => ((track & AmiTrackedState.Endpoints) == 0 || session.Endpoints.LoadedAt is not null || session.Endpoints.LoadError is not null)
                   && ((track & AmiTrackedState.Registrations) == 0 || session.Registrations.LoadedAt is not null || session.Registrations.LoadError is not null),
                Deadline,
                "first load");
            return session;
        }
    }
}
