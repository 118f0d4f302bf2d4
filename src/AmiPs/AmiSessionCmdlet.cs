using System.Collections.Generic;
using System.Management.Automation;
using AmiPs.Client;

namespace AmiPs.Commands
{
    /// <summary>
    /// A cmdlet that works on sessions: <c>-Session</c> (session objects from the pipeline, or names, also by the
    /// property name <c>Session</c> of a piped call or extension), else the runspace's default session.
    /// </summary>
    public abstract class AmiSessionCmdlet : AmiCmdlet
    {
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        [AmiSessionTransformation]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public AmiSession[]? Session { get; set; }

        /// <summary>The sessions given, or the default one; a terminating error when there is none.</summary>
        protected IReadOnlyList<AmiSession> ResolveSessions()
        {
            if (Session is { Length: > 0 })
            {
                return Session;
            }

            var session = AmiSessionStore.Default;
            if (session is null)
            {
                ThrowTerminatingError(AmiErrors.NoSession());
            }

            return new[] { session! };
        }
    }
}
