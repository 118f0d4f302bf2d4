using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// The module's sessions: one list for the process (sessions are shared, as PSSessions are), and a default
    /// session per runspace — the newest one connected there. Not a $Global: variable.
    /// </summary>
    internal static class AmiSessionStore
    {
        private static readonly object Gate = new object();
        private static readonly List<AmiSession> Sessions = new List<AmiSession>();
        private static readonly Dictionary<Guid, AmiSession> Defaults = new Dictionary<Guid, AmiSession>();

        public static void Add(AmiSession session)
        {
            lock (Gate)
            {
                Sessions.Add(session);
                Defaults[RunspaceKey] = session;
            }
        }

        public static void Remove(AmiSession session)
        {
            lock (Gate)
            {
                Sessions.Remove(session);
                foreach (var key in Defaults.Where(pair => ReferenceEquals(pair.Value, session)).Select(pair => pair.Key).ToList())
                {
                    if (Sessions.Count > 0)
                    {
                        Defaults[key] = Sessions[Sessions.Count - 1];
                    }
                    else
                    {
                        Defaults.Remove(key);
                    }
                }
            }
        }

        public static IReadOnlyList<AmiSession> All
        {
            get
            {
                lock (Gate)
                {
                    return Sessions.ToArray();
                }
            }
        }

        public static AmiSession? Default
        {
            get
            {
                lock (Gate)
                {
                    return Defaults.TryGetValue(RunspaceKey, out var session) ? session : Sessions.LastOrDefault();
                }
            }
        }

        /// <summary>A name not used by another open session: the host, then host#2, host#3 ...</summary>
        public static string UniqueName(string wanted)
        {
            lock (Gate)
            {
                var name = wanted;
                for (var n = 2; Sessions.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
                {
                    name = wanted + "#" + n;
                }

                return name;
            }
        }

        private static Guid RunspaceKey => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
    }
}
