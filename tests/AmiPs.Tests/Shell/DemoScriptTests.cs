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
            Assert.Contains("Connected since", result.Output);     // the session table view
            Assert.Contains("IsHealthy         : True", result.Output); // the status list view
            Assert.Contains("Asterisk", result.Output);            // core show version
            Assert.Matches(@"Time\s+Event\s+Channel", result.Output);  // the event table view
            Assert.Matches(@"Id\s+From\s+To\s+AnsweredBy", result.Output);
            Assert.Matches(@"Exten\s+Context\s+Hint\s+StatusText", result.Output);
            Assert.Contains("Disconnected", result.Output);
            Assert.Contains("== Done", result.Output);
        }
    }
}
