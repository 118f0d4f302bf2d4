using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace AmiPs.Simulator
{
    /// <summary>Faults on demand, for testing how a client copes: drops, half-open peers, garbage, refusals and restarts.</summary>
    public sealed class AmiSimulatorFaults
    {
        private readonly AmiSimulator _server;
        private volatile bool _stopAnswering;
        private int _refusalGeneration;

        internal AmiSimulatorFaults(AmiSimulator server) => _server = server;

        /// <summary>When true, actions are read and never answered (a half-open server); events still flow.</summary>
        public bool StopAnswering
        {
            get => _stopAnswering;
            set => _stopAnswering = value;
        }

        /// <summary>Closes every open session at once.</summary>
        public void CloseAll()
        {
            Log("closing every session");
            foreach (var session in _server.Sessions.ToArray())
            {
                session.Close();
            }
        }

        /// <summary>Sends every session the first half of an event, then closes it.</summary>
        public void CloseMidMessage()
        {
            Log("closing every session in the middle of a message");
            var frame = Encoding.ASCII.GetBytes("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: Local/1001@office-0000ffff;1\r\nChannelState: 0\r\nChannelStateDesc: Do");
            foreach (var session in _server.Sessions.ToArray())
            {
                session.Send(frame, closeAfter: true);
            }
        }

        /// <summary>Sends every session bytes that are not AMI (binary, lines without a colon, a bare LF), then a blank line.</summary>
        public Task SendGarbageAsync()
        {
            Log("sending garbage");
            var garbage = new byte[] { 0x00, 0x01, 0xfe, 0xff, (byte)'\n' }
                .Concat(Encoding.ASCII.GetBytes("this is not AMI\r\n: no key\r\nKey-without-colon\r\n\r\n"))
                .ToArray();
            return SendToAllAsync(garbage);
        }

        /// <summary>Sends every session an event with one line of <paramref name="length"/> bytes (<c>Data: xxx...</c>).</summary>
        public Task SendOverlongLineAsync(int length)
        {
            if (length < 8)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "The line must be at least 8 bytes.");
            }

            Log($"sending a line of {length} bytes");
            var text = new StringBuilder(length + 64).Append("Event: Overlong\r\nPrivilege: system,all\r\nData: ").Append('x', length - 6).Append("\r\n\r\n");
            return SendToAllAsync(Encoding.ASCII.GetBytes(text.ToString()));
        }

        /// <summary>Stops listening (new connections are refused) for <paramref name="duration"/>; open sessions stay.</summary>
        public void RefuseConnectionsFor(TimeSpan duration)
        {
            Log($"refusing connections for {duration}");
            var generation = Interlocked.Increment(ref _refusalGeneration);
            _server.StopListening();
            _ = ListenLaterAsync(duration, generation);
        }

        /// <summary>As an Asterisk restart: <c>Shutdown</c> event, every session closed, calls gone, no listener for <paramref name="downtime"/>, then the same port again.</summary>
        public async Task RestartAsync(TimeSpan downtime)
        {
            Log($"restarting with {downtime} downtime");
            var generation = Interlocked.Increment(ref _refusalGeneration);
            _server.Broadcast(new SimEvent("Shutdown", AmiClasses.System).Add("Shutdown", "Cleanly").Add("Restart", "True"));
            await Task.WhenAny(Task.WhenAll(_server.Sessions.ToArray().Select(s => s.FlushAsync())), Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            _server.StopListening();
            _server.Pbx.AbortCalls();
            CloseAll();
            _server.MarkStarted(-downtime); // the new process starts when it listens again
            await ListenLaterAsync(downtime, generation).ConfigureAwait(false);
        }

        private async Task ListenLaterAsync(TimeSpan delay, int generation)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay).ConfigureAwait(false);
            }

            // A later refusal or restart owns the listener now; a stopped server stays stopped.
            if (generation == Volatile.Read(ref _refusalGeneration) && !_server.IsStopping && !_server.IsListening)
            {
                try
                {
                    _server.Listen(_server.Port);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    // Someone else took the port meanwhile: the simulator stays down rather than move.
                    _server.Logger.LogError(SimulatorLogEvents.Fault, e, "Could not listen again on port {Port}", _server.Port);
                }
            }
        }

        private async Task SendToAllAsync(byte[] bytes)
        {
            var sessions = _server.Sessions.ToArray();
            foreach (var session in sessions)
            {
                session.Send(bytes);
            }

            await Task.WhenAll(sessions.Select(s => s.FlushAsync())).ConfigureAwait(false);
        }

        private void Log(string what) => _server.Logger.LogInformation(SimulatorLogEvents.Fault, "Fault: {Fault}", what);
    }
}
