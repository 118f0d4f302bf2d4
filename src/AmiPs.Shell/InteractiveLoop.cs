using System.Management.Automation.Language;
using System.Text;

namespace AmiPs.Shell
{
    /// <summary>
    /// The prompt: read a line, run it, print the result, until <c>exit</c> or the end of input. A line that leaves a
    /// block or string open continues on the next (prompt <c>&gt;&gt; </c>), as in pwsh. Commands may also be piped in.
    /// </summary>
    internal sealed class InteractiveLoop
    {
        private readonly ShellRunner _runner;
        private readonly ShellConsole _console;

        public InteractiveLoop(ShellRunner runner, ShellConsole console)
        {
            _runner = runner;
            _console = console;
        }

        /// <summary>Runs until exit; returns the exit code (<c>exit N</c>'s, or 0 at the end of input).</summary>
        public int Run()
        {
            var ui = _runner.Host.UI;
            if (_console.InputIsTerminal)
            {
                ui.WriteLine($"amips {ShellHost.DisplayVersion}: PowerShell with the AmiPs module. Type 'exit' to quit, Ctrl+C stops a command.");
            }

            while (!_runner.Host.ShouldExit)
            {
                var script = ReadStatement();
                if (script is null)
                {
                    return 0;
                }

                if (script.Trim().Length > 0)
                {
                    _runner.RunScript(script, addToHistory: true);
                }
            }

            return _runner.Host.ExitCode;
        }

        /// <summary>One complete statement, or null at the end of input.</summary>
        private string? ReadStatement()
        {
            var text = new StringBuilder();
            var prompt = _runner.Prompt();
            while (true)
            {
                if (_console.InputIsTerminal)
                {
                    _runner.Host.UI.Write(prompt);
                }

                var line = _console.Input.ReadLine();
                if (line is null)
                {
                    return text.Length > 0 ? text.ToString() : null;
                }

                text.AppendLine(line);
                if (!IsIncomplete(text.ToString()))
                {
                    return text.ToString();
                }

                prompt = ">> ";
            }
        }

        private static bool IsIncomplete(string script)
        {
            Parser.ParseInput(script, out _, out var errors);
            foreach (var error in errors)
            {
                if (error.IncompleteInput)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
