using System.IO;
using System.Linq;
using AmiPs.Fuzz;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Properties
{
    /// <summary>Every input kept in fuzz/regressions (crashes and inputs behind fixed bugs) runs through the fuzz target again.</summary>
    public sealed class FuzzRegressionTests
    {
        public static TheoryData<string> Inputs()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "fuzz", "regressions")).OrderBy(f => f))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Inputs))]
        public void A_kept_fuzz_input_runs_clean(string name)
        {
            ParserTarget.Run(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "fuzz", "regressions", name)));
        }

        [Fact]
        public void A_banner_less_flood_is_refused_not_buffered()
        {
            // The target returns early on this exception; it must come, or the flood would be held in memory.
            var flood = new System.Buffers.ReadOnlySequence<byte>(Enumerable.Repeat((byte)'x', 100_000).ToArray());
            Assert.Throws<AmiPs.Protocol.AmiProtocolException>(() => new AmiPs.Protocol.AmiFrameParser(256, 4096).TryReadBanner(ref flood, out _));
        }
    }
}
