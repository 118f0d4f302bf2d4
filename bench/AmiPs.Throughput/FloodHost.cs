using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace AmiPs.Throughput
{
    /// <summary>
    /// The child side of <see cref="RemoteFlood"/> (<c>AmiPs.Throughput --serve sim|bench</c>): runs the flood server in
    /// its own process, so the server's allocations, collections and threads stay out of the client's figures.
    /// Line protocol on stdin/stdout, one command at a time:
    /// <c>ready &lt;port&gt; &lt;user&gt; &lt;secret&gt; &lt;averageEventBytes&gt; &lt;description&gt;</c> once listening;
    /// <c>flood &lt;n&gt;</c> → <c>flooded &lt;n&gt;</c> when written; <c>logins &lt;count&gt; &lt;timeoutMs&gt;</c> →
    /// <c>logins &lt;count&gt;</c>; <c>prepare &lt;n&gt;</c> → <c>prepared &lt;n&gt; &lt;hangups&gt;</c>;
    /// <c>pace &lt;count&gt; &lt;intervalMs&gt;</c> → <c>paced &lt;count&gt;</c>; a failure answers <c>error &lt;message&gt;</c>. <c>quit</c> or the end of stdin
    /// (the parent exited or died) stops the server and the process.
    /// </summary>
    public static class FloodHost
    {
        public const string User = "admin";

        /// <summary>Random per run: the bench never listens with a known password, even on loopback.</summary>
        public static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        public static async Task<IFlood> StartServerAsync(string kind, string secret) => kind switch
        {
            "sim" => await SimulatorFlood.StartAsync(User, secret).ConfigureAwait(false),
            "bench" => new FloodServer(User, secret),
            _ => throw new ArgumentException($"Unknown server '{kind}' (sim or bench)."),
        };

        public static async Task<int> RunAsync(string kind)
        {
            var secret = NewSecret();
            var server = await StartServerAsync(kind, secret).ConfigureAwait(false);
            try
            {
                Reply(string.Format(CultureInfo.InvariantCulture, "ready {0} {1} {2} {3:R} {4}", server.Port, User, secret, server.AverageEventBytes, server.Description));

                // Blocking reads on this thread: the server runs on the thread pool, and a closed stdin must end the process.
                string? line;
                while ((line = Console.In.ReadLine()) is not null && line != "quit")
                {
                    var command = line;
                    _ = Task.Run(() => AnswerAsync(server, command));
                }
            }
            finally
            {
                try
                {
                    await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A flood to a client that went away may not end by itself: it must not hold the process.
                }
            }

            return 0;
        }

        private static async Task AnswerAsync(IFlood server, string command)
        {
            var parts = command.Split(' ');
            try
            {
                switch (parts[0])
                {
                    case "flood" when parts.Length == 2:
                        var events = long.Parse(parts[1], CultureInfo.InvariantCulture);
                        await server.FloodAsync(events).ConfigureAwait(false);
                        Reply("flooded " + parts[1]);
                        break;
                    case "prepare" when parts.Length == 2:
                        var hangups = await server.PrepareAsync(long.Parse(parts[1], CultureInfo.InvariantCulture)).ConfigureAwait(false);
                        Reply("prepared " + parts[1] + " " + hangups.ToString(CultureInfo.InvariantCulture));
                        break;
                    case "pace" when parts.Length == 3:
                        await server.PaceAsync(int.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture))).ConfigureAwait(false);
                        Reply("paced " + parts[1]);
                        break;
                    case "logins" when parts.Length == 3:
                        var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
                        var timeout = TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture));
                        await server.WaitForLoginsAsync(count, timeout).ConfigureAwait(false);
                        Reply("logins " + parts[1]);
                        break;
                    default:
                        Reply("error unknown command: " + command);
                        break;
                }
            }
            catch (Exception ex)
            {
                Reply("error " + ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" "));
            }
        }

        private static readonly object ReplyGate = new object();

        private static void Reply(string line)
        {
            lock (ReplyGate)
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }
    }
}
