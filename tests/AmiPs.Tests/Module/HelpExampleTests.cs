using System.Collections.Generic;
using System.Linq;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Module
{
    /// <summary>
    /// Every example in the help runs as written, against the simulator, in a fresh runspace: first
    /// <c>$sim = Start-AmiSimulator</c> and a default session to it (as the pages' NOTES say), except on the
    /// simulator's own pages, whose examples start it themselves.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class HelpExampleTests
    {
        private static readonly HashSet<string> StartTheirOwnSimulator = new HashSet<string> { "Start-AmiSimulator", "Stop-AmiSimulator" };

        public static IEnumerable<object[]> Examples() =>
            HelpPages.Names.SelectMany(page => HelpPages.Examples(page).Select((code, i) => new object[] { page, i + 1 }));

        [Theory]
        [MemberData(nameof(Examples))]
        public void The_example_runs(string page, int number)
        {
            var code = HelpPages.Examples(page)[number - 1];
            using var ps = FullEngine.NewHost();
            if (!StartTheirOwnSimulator.Contains(page))
            {
                ps.Run("$sim = Start-AmiSimulator; $null = Connect-Ami -ComputerName $sim.ComputerName -Port $sim.Port -Credential $sim.Credential").ThrowIfErrors();
            }

            var result = ps.Run(code);

            Assert.True(result.Terminating is null && result.Errors.Count == 0, $"{page} example {number} failed:\n{code}\n{result}");
        }
    }
}
