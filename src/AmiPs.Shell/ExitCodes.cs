namespace AmiPs.Shell
{
    /// <summary>The process exit code, by pwsh's rules.</summary>
    internal static class ExitCodes
    {
        /// <summary>Ctrl+C stopped the script: 128 + SIGINT, as shells report it.</summary>
        public const int Stopped = 130;

        /// <summary>-File: the script's <c>exit N</c>; 1 after a terminating error; otherwise 0, even if errors were written.</summary>
        public static int ForFile(ShellRunner runner, RunOutcome outcome) => outcome switch
        {
            _ when runner.Host.ShouldExit => runner.Host.ExitCode,
            RunOutcome.Failed => 1,
            RunOutcome.Stopped => Stopped,
            _ => 0,
        };

        /// <summary>-Command: <c>exit N</c>; 1 after a terminating error or when the last command ended with $? false; otherwise 0.</summary>
        public static int ForCommand(ShellRunner runner, RunOutcome outcome) => outcome switch
        {
            _ when runner.Host.ShouldExit => runner.Host.ExitCode,
            RunOutcome.Failed => 1,
            RunOutcome.Stopped => Stopped,
            _ => runner.LastCommandSucceeded() ? 0 : 1,
        };
    }
}
