using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace AmiPs.Shell
{
    /// <summary>
    /// Text in and out for the engine, as pwsh's console host does it: output and Verbose/Warning/Debug lines on stdout
    /// (prefixed <c>VERBOSE: </c>, <c>WARNING: </c>, <c>DEBUG: </c>), errors on stderr, colors only on a terminal.
    /// Prompts (Read-Host, Get-Credential, -Confirm) need a terminal on stdin; otherwise they fail with a clear error.
    /// </summary>
    internal sealed partial class ShellHostUserInterface : PSHostUserInterface
    {
        private readonly ShellConsole _console;
        private readonly ShellRawUserInterface _rawUI;

        public ShellHostUserInterface(ShellConsole console)
        {
            _console = console;
            _rawUI = new ShellRawUserInterface(console);
        }

        public override PSHostRawUserInterface RawUI => _rawUI;

        public ShellConsole Io => _console;

        /// <summary>Lets format and error views use $PSStyle (ANSI) only where a terminal shows it.</summary>
        public override bool SupportsVirtualTerminal => _console.OutputIsTerminal && _console.UseColor && _console.UnderstandsAnsi;

        public override void Write(string value) => WriteTo(_console.Output, _console.OutputIsTerminal, null, value, newLine: false);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
            WriteTo(_console.Output, _console.OutputIsTerminal, (foregroundColor, backgroundColor), value, newLine: false);

        public override void WriteLine(string value) => WriteTo(_console.Output, _console.OutputIsTerminal, null, value, newLine: true);

        public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
            WriteTo(_console.Output, _console.OutputIsTerminal, (foregroundColor, backgroundColor), value, newLine: true);

        public override void WriteErrorLine(string value) =>
            WriteTo(_console.Error, _console.ErrorIsTerminal, (ConsoleColor.Red, _rawUI.BackgroundColor), value, newLine: true);

        public override void WriteVerboseLine(string message) => WriteStreamLine("VERBOSE: ", message);

        public override void WriteWarningLine(string message) => WriteStreamLine("WARNING: ", message);

        public override void WriteDebugLine(string message) => WriteStreamLine("DEBUG: ", message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            // No progress bar: it would interleave with output on consoles that cannot redraw lines.
        }

        public override string ReadLine()
        {
            EnsureCanPrompt("read a line (Read-Host)");
            return _console.Input.ReadLine() ?? string.Empty;
        }

        public override SecureString ReadLineAsSecureString()
        {
            EnsureCanPrompt("read a secret (Read-Host -AsSecureString)");
            var secret = new SecureString();
            if (!_console.InputIsTerminal)
            {
                // Only a test's scripted input gets here (a redirected process stdin was refused above).
                foreach (var c in _console.Input.ReadLine() ?? string.Empty)
                {
                    secret.AppendChar(c);
                }

                secret.MakeReadOnly();
                return secret;
            }

            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    break;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secret.Length > 0)
                    {
                        secret.RemoveAt(secret.Length - 1);
                        Write("\b \b");
                    }

                    continue;
                }

                if (!char.IsControl(key.KeyChar))
                {
                    secret.AppendChar(key.KeyChar);
                    Write("*");
                }
            }

            WriteLine();
            secret.MakeReadOnly();
            return secret;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            EnsureCanPrompt("prompt for " + string.Join(", ", NamesOf(descriptions)));
            WriteCaption(caption, message);
            var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in descriptions)
            {
                answers[field.Name] = PromptField(field);
            }

            return answers;
        }

        private PSObject PromptField(FieldDescription field)
        {
            var label = string.IsNullOrEmpty(field.Label) ? field.Name : field.Label.Replace("&", string.Empty);
            var type = field.ParameterTypeFullName ?? string.Empty;
            if (type == typeof(SecureString).FullName)
            {
                Write(label + ": ");
                return new PSObject(ReadLineAsSecureString());
            }

            if (type == typeof(PSCredential).FullName)
            {
                return new PSObject(PromptForCredential(string.Empty, string.Empty, string.Empty, string.Empty));
            }

            if (type.EndsWith("[]", StringComparison.Ordinal))
            {
                // As pwsh: one value per line, an empty line ends the list.
                var items = new List<string>();
                while (true)
                {
                    Write($"{label}[{items.Count}]: ");
                    var line = ReadLine();
                    if (line.Length == 0)
                    {
                        return new PSObject(items.ToArray());
                    }

                    items.Add(line);
                }
            }

            Write(label + ": ");
            return new PSObject(ReadLine());
        }

        private void WriteStreamLine(string prefix, string message) =>
            WriteTo(_console.Output, _console.OutputIsTerminal, (ConsoleColor.Yellow, _rawUI.BackgroundColor), prefix + message, newLine: true);

        private void WriteCaption(string caption, string message)
        {
            if (!string.IsNullOrEmpty(caption))
            {
                WriteLine(caption);
            }

            if (!string.IsNullOrEmpty(message))
            {
                WriteLine(message);
            }
        }

        private void EnsureCanPrompt(string what)
        {
            if (_console.IsConsole && !_console.InputIsTerminal)
            {
                throw new PSInvalidOperationException(
                    $"amips cannot {what}: standard input is redirected, so no one can answer. Pass the value as a parameter instead (for example -Credential, -Confirm:$false).");
            }
        }

        private void WriteTo(TextWriter writer, bool isTerminal, (ConsoleColor Foreground, ConsoleColor Background)? colors, string value, bool newLine)
        {
            var ansi = isTerminal && _console.UseColor && _console.UnderstandsAnsi;

            // Format views put $PSStyle's ANSI codes in table headers and error views; drop them where they would show as text.
            value = GetOutputString(value, ansi);
            lock (_console.WriteLock)
            {
                if (colors is { } c && isTerminal && _console.UseColor)
                {
                    // Most callers pass the window's own background: painting it explicitly would show on light themes.
                    var background = c.Background != _rawUI.BackgroundColor ? c.Background : (ConsoleColor?)null;
                    if (ansi)
                    {
                        writer.Write(AnsiColors.Set(c.Foreground, background) + value + AnsiColors.Reset);
                    }
                    else
                    {
                        WriteWithConsoleColors(writer, c.Foreground, background, value);
                    }
                }
                else
                {
                    writer.Write(value);
                }

                // The line ends after the color reset, so a colored background does not run to the edge of the window.
                if (newLine)
                {
                    writer.WriteLine();
                }

                writer.Flush();
            }
        }

        /// <summary>The classic Windows console, which needs its color API rather than escape codes.</summary>
        private static void WriteWithConsoleColors(TextWriter writer, ConsoleColor foreground, ConsoleColor? background, string value)
        {
            Console.ForegroundColor = foreground;
            if (background is { } b)
            {
                Console.BackgroundColor = b;
            }

            try
            {
                writer.Write(value);
                writer.Flush();
            }
            finally
            {
                Console.ResetColor();
            }
        }

        private static IEnumerable<string> NamesOf(IEnumerable<FieldDescription> descriptions)
        {
            foreach (var field in descriptions)
            {
                yield return field.Name;
            }
        }
    }
}
