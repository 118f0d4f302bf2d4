using System.IO;
using System.Threading.Tasks;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Shell
{
    /// <summary>The README's main job: examples/Demo.ps1 through amips, against the built-in simulator.</summary>
    public sealed class DemoScriptTests
    {
        [Fact]
        public async Task Demo_runs_end_to_end_and_exits_0()
        {
            var demo = Path.Combine(RepoPaths.Root, "examples", "Demo.ps1");

            var result = await AmipsProcess.RunAsync(new[] { "-File", demo, "-EventCount", "5" });

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(result.Error.Length == 0, result.ToString());
            // Each section laid out by the module's views (tables, and a list for the status), not by the default formatter.
            Assert.Matches(@"Id\s+Name\s+Endpoint\s+User\s+State", result.Output);
            Assert.Contains("IsHealthy         : True", result.Output);
            Assert.Contains("Asterisk", result.Output); // core show version
            Assert.Matches(@"Time\s+Event\s+Channel", result.Output);
            Assert.Matches(@"From\s+To\s+State\s+Disposition", result.Output);
            Assert.Matches(@"Exten\s+Context\s+Status\s+Hint", result.Output);
            Assert.Contains("Disconnected", result.Output);
            Assert.Contains("== Done", result.Output);
        }
    }
}
