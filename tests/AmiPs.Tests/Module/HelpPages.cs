using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AmiPs.Tests.TestSupport;

namespace AmiPs.Tests.Module
{
    /// <summary>The help pages under docs/cmdlets and the examples in them, as the tests read them.</summary>
    internal static class HelpPages
    {
        public static string Directory => Path.Combine(RepoPaths.Root, "docs", "cmdlets");

        public static IReadOnlyList<string> Names => System.IO.Directory.GetFiles(Directory, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToList()!;

        /// <summary>The code of each example of a page: the first fenced block under each "### Example" heading.</summary>
        public static IReadOnlyList<string> Examples(string cmdlet)
        {
            var text = File.ReadAllText(Path.Combine(Directory, cmdlet + ".md")).Replace("\r\n", "\n");
            var start = text.IndexOf("\n## EXAMPLES", StringComparison.Ordinal);
            var end = text.IndexOf("\n## PARAMETERS", StringComparison.Ordinal);
            var section = text.Substring(start, end - start);
            return Regex.Split(section, @"\n### Example")
                .Skip(1)
                .Select(example => Regex.Match(example, @"```powershell\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value)
                .ToList();
        }

        /// <summary>The cmdlet names in the manifest's CmdletsToExport.</summary>
        public static IReadOnlyList<string> ManifestExports()
        {
            var manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "module", "AmiPs.psd1"));
            var list = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((.*?)\)", RegexOptions.Singleline).Groups[1].Value;
            return Regex.Matches(list, @"'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
    }
}
