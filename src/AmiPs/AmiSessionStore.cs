using System.Collections.Generic;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// The module's sessions. A session belongs to the runspace that connected it (see <see cref="RunspaceStore{T}"/>);
    /// the runspace's default session is the newest one connected there, and once that one is disconnected there is
    /// no default until the next Connect-Ami (so a second Disconnect-Ami closes nothing more).
    /// </summary>
    internal static class AmiSessionStore
    {
        private static readonly RunspaceStore<AmiSession> Sessions = new RunspaceStore<AmiSession>(s => s.Name, s => s.Dispose());

        /// <summary>The current runspace's open sessions, oldest first.</summary>
        public static IReadOnlyList<AmiSession> All => Sessions.Current;

        public static AmiSession? Default => Sessions.Default;

        public static void Add(AmiSession session) => Sessions.Add(session);

        public static void Remove(AmiSession session) => Sessions.Remove(session);

        /// <summary>The current runspace's session with this name, or null.</summary>
        public static AmiSession? Find(string name) => Sessions.Find(name);

        /// <summary>A name not used by another session of this runspace: the host, then host#2, host#3 ...</summary>
        public static string UniqueName(string wanted) => Sessions.UniqueName(wanted);
    }
}
