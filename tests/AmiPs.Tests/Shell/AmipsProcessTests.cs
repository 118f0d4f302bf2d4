using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace AmiPs.Tests.Shell
{
    /// <summary>The built amips as a child process: output through the module's views, -File arguments, exit codes, errors.</summary>
    public sealed class AmipsProcessTests : IDisposable
    {
        private readonly string _scripts = Path.Combine(Path.GetTempPath(), "amips-tests-" + Guid.NewGuid().ToString("N"));

        public AmipsProcessTests()
        {
            Directory.CreateDirectory(_scripts);
        }

        public void Dispose() => Directory.Delete(_scripts, recursive: true);

        [Fact]
        public async Task Command_output_is_laid_out_by_the_module_format_views()
        {
            // "Connected since" is a column label only the AmiSession table view has; the default view would say ConnectedSince.
            // The session and the simulator are left open on purpose: amips closes them on the way out.
            var result = await AmipsProcess.RunAsync(new[]
            {
                "-NoProfile", "-Command",
                "$sim = Start-AmiSimulator; Connect-Ami 127.0.0.1 -Port $sim.Port -Credential $sim.Credential",
            });

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"Id\s+Name\s+Endpoint\s+User\s+State\s+AMI\s+Connected since", result.Output);
            Assert.Contains("----", result.Output);
            Assert.DoesNotContain("\u001b[", result.Output); // redirected: no ANSI codes from $PSStyle
            Assert.True(result.Error.Length == 0, result.ToString());
        }

        [Fact]
        public async Task File_arguments_bind_to_the_script_parameters_and_args()
        {
            // Me= is the script's own path: set only when the file runs as a script (ScriptExitSwitch), not via the fallback.
            var script = Write("params.ps1", "param([string]$Name, [int]$Count, [switch]$Loud)\n\"Name=$Name Count=$Count Loud=$Loud Rest=$($args -join '+') Root=$(Split-Path -Leaf $PSScriptRoot) Me=$(Split-Path -Leaf $MyInvocation.MyCommand.Path)\"");

            var result = await AmipsProcess.RunAsync(new[] { "-File", script, "-Name", "bob", "-Count:3", "-Loud", "x", "y" });

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"Name=bob Count=3 Loud=True Rest=x+y Root={Path.GetFileName(_scripts)} Me=params.ps1", result.Output);
        }

        [Theory]
        [InlineData("-Command")]
        [InlineData("-File")]
        public async Task Exit_N_sets_the_process_exit_code(string mode)
        {
            var text = "'before'; exit 3; 'after'";
            var result = await AmipsProcess.RunAsync(mode == "-File" ? new[] { "-File", Write("exit.ps1", text) } : new[] { "-Command", text });

            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains("before", result.Output);
            Assert.DoesNotContain("after", result.Output);
        }

        [Fact]
        public async Task A_terminating_error_exits_1_with_a_readable_message_and_no_stack_trace()
        {
            var script = Write("fails.ps1", "$ErrorActionPreference = 'Stop'\nGet-AmiStatus\n'not reached'");

            var result = await AmipsProcess.RunAsync(new[] { "-File", script });

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("Get-AmiStatus:", result.Error);
            Assert.Contains("There is no AMI session. Run Connect-Ami first", result.Error);
            Assert.DoesNotContain(" at ", result.Error);
            Assert.DoesNotContain("Exception", result.Error);
            Assert.DoesNotContain("not reached", result.Output);
        }

        [Fact]
        public async Task A_file_that_only_writes_errors_exits_0_as_pwsh_does_and_a_failing_last_command_fails_Command()
        {
            var file = await AmipsProcess.RunAsync(new[] { "-File", Write("soft.ps1", "Write-Error 'soft failure'\n'went on'") });
            var command = await AmipsProcess.RunAsync(new[] { "-Command", "'went on'; Get-AmiStatus" });

            Assert.True(file.ExitCode == 0, file.ToString());
            Assert.Contains("soft failure", file.Error);
            Assert.Contains("went on", file.Output);
            Assert.True(command.ExitCode == 1, command.ToString());
            Assert.Contains("Get-AmiStatus: There is no AMI session.", command.Error);
        }

        [Fact]
        public async Task A_parse_error_or_a_missing_script_exits_1_and_a_bad_command_line_64()
        {
            var parse = await AmipsProcess.RunAsync(new[] { "-File", Write("broken.ps1", "if ($x {") });
            var missing = await AmipsProcess.RunAsync(new[] { "-File", Path.Combine(_scripts, "nope.ps1") });
            var usage = await AmipsProcess.RunAsync(new[] { "-Bogus" });

            Assert.True(parse.ExitCode == 1, parse.ToString());
            Assert.Contains("ParserError", parse.Error);
            Assert.True(missing.ExitCode == 1, missing.ToString());
            Assert.Contains("does not exist", missing.Error);
            Assert.True(usage.ExitCode == 64, usage.ToString());
            Assert.Contains("Unknown parameter '-Bogus'", usage.Error);
        }

        [Fact]
        public async Task Without_arguments_it_runs_the_lines_it_reads_until_exit()
        {
            var result = await AmipsProcess.RunAsync(Array.Empty<string>(), "6*7\nfunction f {\n  'multi-line'\n}\nf\nexit 4\n'never'\n");

            Assert.True(result.ExitCode == 4, result.ToString());
            Assert.Contains("42", result.Output);
            Assert.Contains("multi-line", result.Output);
            Assert.DoesNotContain("never", result.Output);
        }

        [Fact]
        public async Task Prompts_fail_clearly_when_stdin_is_redirected_and_streams_get_pwsh_prefixes()
        {
            var result = await AmipsProcess.RunAsync(new[] { "-Command", "Write-Warning 'careful'; Write-Verbose 'details' -Verbose; Read-Host 'Name'" });

            Assert.Contains("WARNING: careful", result.Output);
            Assert.Contains("VERBOSE: details", result.Output);
            Assert.Contains("standard input is redirected", result.Error);
            Assert.NotEqual(0, result.ExitCode);
        }

        private string Write(string name, string text)
        {
            var path = Path.Combine(_scripts, name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
