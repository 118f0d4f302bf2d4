using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>
    /// The real PowerShell engine, in process, with the built module imported from out/AmiPs as a user would.
    /// One runspace per instance; scripts run in it one after another, so state ($s = Connect-Ami ...) carries over.
    /// </summary>
    public sealed class PsHost : IDisposable
    {
        private readonly Runspace _runspace;

        public PsHost(bool importModule = true)
        {
            var state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            if (importModule)
            {
                Run($"Import-Module '{RepoPaths.ModuleManifest}' -ErrorAction Stop").ThrowIfErrors();
            }
        }

        public Runspace Runspace => _runspace;

        /// <summary>Runs a script; variables given are set first. Terminating errors are captured, not thrown.</summary>
        public PsResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables is not null)
            {
                foreach (var pair in variables)
                {
                    _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
                }
            }

            ps.AddScript(script);
            Collection<PSObject> output;
            Exception? terminating = null;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                output = new Collection<PSObject>();
                terminating = ex;
            }

            return new PsResult(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(), ps.Streams.Verbose.Select(v => v.Message).ToList(), terminating, ps.HadErrors);
        }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        /// <summary>Imports Microsoft.PowerShell.Utility's cmdlets (ConvertTo-Json, Out-String, Format-List), which the bare engine lacks.</summary>
        public PsHost ImportUtility()
        {
            SetVariable("__utility", typeof(Microsoft.PowerShell.Commands.ConvertToJsonCommand).Assembly);
            Run("Import-Module -Assembly $__utility -ErrorAction Stop").ThrowIfErrors();
            return this;
        }

        public void Dispose()
        {
            try
            {
                Run("Get-AmiSession | Disconnect-Ami -ErrorAction SilentlyContinue; Get-Module AmiPs | ForEach-Object { try { Stop-AmiSimulator -ErrorAction SilentlyContinue } catch { } }");
            }
            finally
            {
                _runspace.Dispose();
            }
        }
    }

    public sealed class PsResult
    {
        public PsResult(List<PSObject> output, List<ErrorRecord> errors, List<string> warnings, List<string> verbose, Exception? terminating, bool hadErrors)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Terminating = terminating;
            HadErrors = hadErrors;
        }

        public List<PSObject> Output { get; }

        public List<ErrorRecord> Errors { get; }

        public List<string> Warnings { get; }

        public List<string> Verbose { get; }

        public Exception? Terminating { get; }

        public bool HadErrors { get; }

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

        public T Single<T>() => Objects<T>().Single();

        public PsResult ThrowIfErrors()
        {
            if (Terminating is not null)
            {
                throw new InvalidOperationException("Script failed: " + Terminating.Message, Terminating);
            }

            if (Errors.Count > 0)
            {
                throw new InvalidOperationException("Script wrote errors: " + string.Join(" | ", Errors.Select(e => e.ToString())));
            }

            return this;
        }

        public override string ToString() =>
            $"output: {string.Join(", ", Output)}; errors: {string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))}; terminating: {Terminating?.Message}";
    }
}
