using System;

namespace AmiPs.Shell
{
    /// <summary>
    /// amips: runs PowerShell scripts with the AmiPs module on machines without pwsh.
    /// <c>amips -File script.ps1 [args]</c>, <c>amips -Command '...'</c>, or a prompt when started without arguments.
    /// </summary>
    internal static class Program
    {
        /// <summary>pwsh's code for a bad command line (sysexits EX_USAGE).</summary>
        internal const int ExitBadCommandLine = 64;

        /// <summary>pwsh's code when the host cannot start (sysexits EX_SOFTWARE): here, when the module cannot be imported.</summary>
        internal const int ExitInitFailure = 70;

        private static int Main(string[] args)
        {
            ShellOptions options;
            try
            {
                options = ShellOptions.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine("amips: " + ex.Message);
                Console.Error.WriteLine(ShellOptions.Usage);
                return ExitBadCommandLine;
            }

            if (options.Mode == ShellMode.Help)
            {
                Console.WriteLine(ShellOptions.Usage);
                return 0;
            }

            var host = new ShellHost(ShellConsole.FromProcess());
            using var runner = new ShellRunner(host);
            try
            {
                runner.ImportModule(ModuleLocator.Find(AppContext.BaseDirectory));
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is System.IO.FileNotFoundException)
            {
                Console.Error.WriteLine("amips: " + ex.Message);
                return ExitInitFailure;
            }

            using var ctrlC = new CtrlCHandler(runner);
            try
            {
                return options.Mode switch
                {
                    ShellMode.File => ExitCodes.ForFile(runner, runner.RunFile(options.File!, options.ScriptArguments)),
                    ShellMode.Command => ExitCodes.ForCommand(runner, runner.RunCommand(options.Command!)),
                    _ => new InteractiveLoop(runner, host.ShellUI.Io).Run(),
                };
            }
            finally
            {
                runner.CloseSessions();
            }
        }
    }
}
