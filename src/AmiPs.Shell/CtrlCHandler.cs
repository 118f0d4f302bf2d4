using System;

namespace AmiPs.Shell
{
    /// <summary>
    /// Ctrl+C stops the running pipeline (the cmdlets' StopProcessing runs, sessions stay open) and never kills amips:
    /// at the prompt it does nothing, as in pwsh.
    /// </summary>
    internal sealed class CtrlCHandler : IDisposable
    {
        private readonly ShellRunner _runner;

        public CtrlCHandler(ShellRunner runner)
        {
            _runner = runner;
            Console.CancelKeyPress += OnCancelKeyPress;
        }

        public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;

        private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _runner.Stop();
        }
    }
}
