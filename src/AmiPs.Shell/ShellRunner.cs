using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace AmiPs.Shell
{
    /// <summary>How one run of a script or command ended.</summary>
    internal enum RunOutcome
    {
        /// <summary>It ran to the end (it may have written non-terminating errors).</summary>
        Completed,

        /// <summary>A terminating error ended it; the error was printed.</summary>
        Failed,

        /// <summary>Ctrl+C (or <see cref="ShellRunner.Stop"/>) stopped it.</summary>
        Stopped,
    }

    /// <summary>
    /// Runs scripts and commands in one runspace, with the module imported, and prints what they return through
    /// Out-Default, so the module's format views lay out tables as in pwsh. Errors are merged into that output, so they
    /// are printed in order, in pwsh's ConciseView, on stderr. One pipeline runs at a time; <see cref="Stop"/> stops it
    /// from any thread (the Ctrl+C handler).
    /// </summary>
    internal sealed partial class ShellRunner : IDisposable
    {
        private const string SucceededVariable = "AmipsLastCommandSucceeded";

        private readonly ShellHost _host;
        private readonly Runspace _runspace;
        private readonly object _gate = new object();
        private PowerShell? _current;

        public ShellRunner(ShellHost host)
        {
            _host = host;
            var state = InitialSessionState.CreateDefault2();

            // The engine package carries only the core cmdlets; these give scripts Write-Host, Select-Object, Format-Table,
            // Out-String, Start-Sleep, Get-Content, Join-Path, Get-Credential, ConvertTo-SecureString and the rest of pwsh's.
            state.ImportPSModule(new[]
            {
                typeof(Microsoft.PowerShell.Commands.WriteHostCommand).Assembly.Location,
                typeof(Microsoft.PowerShell.Commands.GetChildItemCommand).Assembly.Location,
                typeof(Microsoft.PowerShell.Commands.GetCredentialCommand).Assembly.Location,
            });
            _runspace = RunspaceFactory.CreateRunspace(host, state);
            if (!host.UI.SupportsVirtualTerminal)
            {
                // Table headers and error views would otherwise carry ANSI codes into files, pipes and test output.
                PSStyle.Instance.OutputRendering = OutputRendering.PlainText;
            }

            _runspace.Open();
        }

        public ShellHost Host => _host;

        /// <summary>True while a pipeline is running (the interactive prompt is not).</summary>
        public bool IsRunning
        {
            get
            {
                lock (_gate)
                {
                    return _current is not null;
                }
            }
        }

        /// <summary>Imports the module; a failure is thrown as a readable message, since nothing useful can run without it.</summary>
        public void ImportModule(string manifestPath)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("Import-Module").AddParameter("Name", manifestPath).AddParameter("ErrorAction", ActionPreference.Stop);
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                throw new InvalidOperationException($"Could not import the AmiPs module from '{manifestPath}': {ex.Message}", ex);
            }
        }

        /// <summary>Runs script text (-Command, or a line typed at the prompt).</summary>
        public RunOutcome RunScript(string script, bool addToHistory = false) =>
            Invoke(ps => ps.AddScript(script), addToHistory);

        /// <summary>
        /// Runs -Command's text and records $? after its last statement, for pwsh's -Command exit code
        /// (<see cref="LastCommandSucceeded"/>): $? read in a later pipeline would describe Out-Default, not the command.
        /// </summary>
        public RunOutcome RunCommand(string command) =>
            Invoke(ps => ps.AddScript(command + Environment.NewLine + "$global:" + SucceededVariable + " = $?"), addToHistory: false);

        /// <summary>
        /// Runs a script file as pwsh -File does: <c>-Name value</c> binds to a parameter, anything else is positional, and
        /// <c>exit N</c> in the script reaches the host (<see cref="ScriptExitSwitch"/>).
        /// </summary>
        public RunOutcome RunFile(string path, IReadOnlyList<string> arguments)
        {
            var fullPath = System.IO.Path.GetFullPath(path);
            if (!System.IO.File.Exists(fullPath))
            {
                ReportError(new ErrorRecord(
                    new System.IO.FileNotFoundException($"The script '{path}' does not exist."),
                    "ScriptFileNotFound",
                    ErrorCategory.ObjectNotFound,
                    path));
                return RunOutcome.Failed;
            }

            // Parse errors are reported before anything runs, with the file's line and column.
            var ast = Parser.ParseFile(fullPath, out _, out var parseErrors);
            if (parseErrors.Length > 0)
            {
                ReportError(new ParseException(parseErrors).ErrorRecord);
                return RunOutcome.Failed;
            }

            var command = fullPath;
            if (!ScriptExitSwitch.TryEnable(_runspace))
            {
                // Fallback: the script's block as a function named after the file. exit still reaches the host, $PSScriptRoot
                // and $PSCommandPath stay set; only $MyInvocation.MyCommand is a function rather than the script.
                command = System.IO.Path.GetFileName(fullPath);
                _runspace.SessionStateProxy.InvokeProvider.Item.Set("function:global:" + command, ast.GetScriptBlock());
            }

            return Invoke(ps => ps.Commands.AddCommand(ScriptCommand(command, arguments)), addToHistory: false);
        }

        /// <summary>Stops the running pipeline, if any, without waiting (safe from the Ctrl+C handler).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _current?.BeginStop(null, null);
            }
        }

        /// <summary>pwsh -Command's rule: the process fails when the last command ended with $? false.</summary>
        public bool LastCommandSucceeded() =>
            _runspace.SessionStateProxy.GetVariable(SucceededVariable) is not false;

        /// <summary>The prompt text, from the session's prompt function as in pwsh, or "PS> " when that fails.</summary>
        public string Prompt()
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("prompt");
            try
            {
                var result = ps.Invoke();
                return result.Count > 0 ? string.Concat(result) : "PS> ";
            }
            catch (RuntimeException)
            {
                return "PS> ";
            }
        }

        /// <summary>
        /// Logs off the sessions and stops the simulators scripts left open, so peers see a clean Logoff rather than a dropped
        /// socket. For the end of the amips process only: the module's stores are process-wide.
        /// </summary>
        public void CloseSessions()
        {
            try
            {
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddScript("if (Get-Module AmiPs) { Get-AmiSession | Disconnect-Ami -ErrorAction SilentlyContinue; Stop-AmiSimulator -ErrorAction SilentlyContinue }");
                ps.Invoke();
            }
            catch (RuntimeException)
            {
                // Best effort on the way out.
            }
        }

        public void Dispose() => _runspace.Dispose();
    }
}
