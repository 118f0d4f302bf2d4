using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using AmiPs.Shell;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Shell
{
    /// <summary>The in-process runner behind amips: Ctrl+C's stop, errors, and the host's exit code.</summary>
    public sealed class ShellRunnerTests : IDisposable
    {
        private readonly StringWriter _output = new StringWriter();
        private readonly StringWriter _error = new StringWriter();
        private readonly ShellRunner _runner;

        public ShellRunnerTests()
        {
            _runner = new ShellRunner(new ShellHost(ShellConsole.FromText(_output, _error, new StringReader(string.Empty))));
        }

        public void Dispose() => _runner.Dispose();

        [Fact]
        public async Task Stop_ends_a_busy_pipeline_promptly_and_the_runner_takes_the_next_command()
        {
            var run = Task.Run(() => _runner.RunScript("'started'; while ($true) { }"));
            await Eventually.WaitUntilAsync(() => _runner.IsRunning && _output.ToString().Contains("started"), TimeSpan.FromSeconds(10), "the loop to start");

            var watch = Stopwatch.StartNew();
            _runner.Stop();
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5)));

            Assert.Same(run, finished);
            Assert.Equal(RunOutcome.Stopped, await run);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {watch.Elapsed}");
            Assert.False(_runner.IsRunning);
            Assert.Equal(RunOutcome.Completed, _runner.RunScript("'next'"));
            Assert.Contains("next", _output.ToString());
        }

        [Fact]
        public void Exit_reaches_the_host_and_errors_go_to_the_error_writer_in_ConciseView()
        {
            Assert.Equal(RunOutcome.Completed, _runner.RunScript("Write-Error 'first'; exit 5"));
            Assert.True(_runner.Host.ShouldExit);
            Assert.Equal(5, _runner.Host.ExitCode);
            Assert.Contains("Write-Error: first", _error.ToString());

            Assert.Equal(RunOutcome.Failed, _runner.RunScript("throw 'boom'"));
            Assert.Contains("Exception: boom", _error.ToString());
            Assert.DoesNotContain("boom", _output.ToString());
        }

        [Fact]
        public void Output_is_formatted_to_120_columns_when_redirected()
        {
            _runner.RunScript("[pscustomobject]@{ Text = 'x' * 300 } | Format-Table -Wrap:$false");

            foreach (var line in _output.ToString().Split('\n'))
            {
                Assert.True(line.TrimEnd('\r').Length <= 120, "line longer than 120: " + line);
            }
        }
    }
}
