using System;
using System.IO;
using System.Linq;
using AmiPs.Client;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Api
{
    /// <summary>
    /// The public surface of AmiPs.Core changes only on purpose: every public type and member, one line each, sorted,
    /// compared with <c>AmiPs.Core.approved.txt</c>. To approve a change, run this test and copy the received file
    /// over the approved one (the failure message gives the command).
    /// </summary>
    public sealed class PublicApiTests
    {
        private const string ApproveCommand =
            "dotnet test tests/AmiPs.Tests -c Release --filter FullyQualifiedName~PublicApiTests; " +
            "cp tests/AmiPs.Tests/Api/AmiPs.Core.received.txt tests/AmiPs.Tests/Api/AmiPs.Core.approved.txt";

        [Fact]
        public void The_public_API_of_Core_is_the_approved_one()
        {
            var folder = Path.Combine(RepoPaths.Root, "tests", "AmiPs.Tests", "Api");
            var approvedPath = Path.Combine(folder, "AmiPs.Core.approved.txt");
            var receivedPath = Path.Combine(folder, "AmiPs.Core.received.txt");
            var received = string.Join("\n", PublicApi.Lines(typeof(AmiSession).Assembly)) + "\n";
            var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : string.Empty;
            if (received == approved)
            {
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, received);
            var approvedLines = approved.Split('\n');
            var receivedLines = received.Split('\n');
            var added = receivedLines.Except(approvedLines).Take(20).Select(l => "+ " + l);
            var removed = approvedLines.Except(receivedLines).Take(20).Select(l => "- " + l);
            Assert.Fail(
                "The public API of AmiPs.Core is not the approved one (first differences below; all of it in " + receivedPath + ").\n" +
                string.Join("\n", removed.Concat(added)) + "\n" +
                "If the change is on purpose, approve it from the repository root:\n  " + ApproveCommand);
        }

        [Fact]
        public void What_only_AmiPs_needs_is_not_public()
        {
            var lines = PublicApi.Lines(typeof(AmiSession).Assembly);

            foreach (var hidden in new[] { "AmiFrameParser", "AmiMessageWriter", "AmiEventFactory", "ReconnectBackoff", "ResyncResult", "AmiProtocolError ", "AmiTasks" })
            {
                Assert.DoesNotContain(lines, line => line.Contains("." + hidden, StringComparison.Ordinal));
            }

            foreach (var mutator in new[] { ".Apply(", ".BeginResync(", ".EndResync(", ".Resync(", ".BeginLoad(", ".EndLoad(", ".Load(" })
            {
                Assert.DoesNotContain(lines, line => line.Contains("Tracker" + mutator, StringComparison.Ordinal));
            }
        }
    }
}
