using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AmiPs.Shell
{
    /// <summary>Running one pipeline, and printing errors as pwsh does.</summary>
    internal sealed partial class ShellRunner
    {
        private RunOutcome Invoke(Action<PowerShell> build, bool addToHistory)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            build(ps);

            // As pwsh's console host: errors join the output, so Out-Default prints them in order, on stderr, in the error view.
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
            lock (_gate)
            {
                _current = ps;
            }

            try
            {
                ps.Invoke(null, new PSInvocationSettings { AddToHistory = addToHistory });
                return ps.InvocationStateInfo.State == PSInvocationState.Stopped ? RunOutcome.Stopped : RunOutcome.Completed;
            }
            catch (PipelineStoppedException)
            {
                return RunOutcome.Stopped;
            }
            catch (RuntimeException ex)
            {
                ReportError(ex.ErrorRecord);
                return RunOutcome.Failed;
            }
            finally
            {
                lock (_gate)
                {
                    _current = null;
                }
            }
        }

        /// <summary>
        /// Prints a terminating error the way pwsh does (ConciseView: <c>Connect-Ami: Authentication failed ...</c>):
        /// the record goes through the error view in a pipeline of its own and out on stderr, never as a .NET stack trace.
        /// </summary>
        internal void ReportError(ErrorRecord record)
        {
            try
            {
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddCommand("Out-String").AddParameter("InputObject", record).AddParameter("Width", _host.UI.RawUI.BufferSize.Width);
                var text = string.Concat(ps.Invoke()).Trim('\r', '\n');
                foreach (var line in text.Split('\n'))
                {
                    _host.UI.WriteErrorLine(line.TrimEnd('\r'));
                }
            }
            catch (RuntimeException)
            {
                // The formatter itself failed: the message alone is still readable.
                _host.UI.WriteErrorLine(record.ErrorDetails?.Message ?? record.Exception.Message);
            }
        }

        /// <summary>
        /// pwsh's -File arguments: "-Name" is a parameter name (the binder pairs it with the next value, or takes it as a switch),
        /// "-Name:value" a parameter with its value, anything else a positional argument.
        /// </summary>
        private static Command ScriptCommand(string command, IReadOnlyList<string> arguments)
        {
            var result = new Command(command);
            foreach (var argument in arguments)
            {
                if (argument.Length > 1 && argument[0] == '-' && !char.IsDigit(argument[1]))
                {
                    var colon = argument.IndexOf(':');
                    result.Parameters.Add(colon > 0 && colon < argument.Length - 1
                        ? new CommandParameter(argument.Substring(0, colon + 1), argument.Substring(colon + 1))
                        : new CommandParameter(argument));
                }
                else
                {
                    result.Parameters.Add(new CommandParameter(null, argument));
                }
            }

            return result;
        }
    }
}
