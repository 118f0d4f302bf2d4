using System;
using System.IO;

namespace AmiPs.Shell
{
    /// <summary>
    /// Where the host reads and writes: the process console, or writers and a reader given by a test.
    /// Colors and key reading are used only on a real, unredirected console.
    /// </summary>
    internal sealed class ShellConsole
    {
        private ShellConsole(TextWriter output, TextWriter error, TextReader input, bool isConsole, bool nonInteractive)
        {
            NonInteractive = nonInteractive;
            Output = output;
            Error = error;
            Input = input;
            IsConsole = isConsole;
            OutputIsTerminal = isConsole && !Console.IsOutputRedirected;
            ErrorIsTerminal = isConsole && !Console.IsErrorRedirected;
            InputIsTerminal = isConsole && !Console.IsInputRedirected;

            // NO_COLOR (no-color.org) and TERM=dumb turn colors off, as in pwsh.
            var term = Environment.GetEnvironmentVariable("TERM");
            UseColor = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && !string.Equals(term, "dumb", StringComparison.Ordinal);
        }

        public TextWriter Output { get; }

        public TextWriter Error { get; }

        public TextReader Input { get; }

        public bool IsConsole { get; }

        public bool OutputIsTerminal { get; }

        public bool ErrorIsTerminal { get; }

        /// <summary>False when stdin is a pipe or a file: then nothing may prompt, since no one can answer.</summary>
        public bool InputIsTerminal { get; }

        public bool UseColor { get; }

        /// <summary>-NonInteractive: no prompts even on a terminal.</summary>
        public bool NonInteractive { get; }

        /// <summary>Unix terminals and Windows Terminal render ANSI escapes; the classic Windows console may print them as text.</summary>
        public bool UnderstandsAnsi => !OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WT_SESSION"));

        /// <summary>Serializes writes from the pipeline thread and the Ctrl+C handler.</summary>
        public object WriteLock { get; } = new object();

        public static ShellConsole FromProcess(bool nonInteractive) => new ShellConsole(Console.Out, Console.Error, Console.In, isConsole: true, nonInteractive);

        public static ShellConsole FromText(TextWriter output, TextWriter error, TextReader input, bool nonInteractive = false) =>
            new ShellConsole(output, error, input, isConsole: false, nonInteractive);
    }
}
