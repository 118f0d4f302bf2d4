using System;
using System.IO;

namespace AmiPs.Tests.TestSupport
{
    /// <summary>Where the repository, the built module and the shared Asterisk fixtures are, found from the test binary.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> LazyRoot = new Lazy<string>(FindRoot);

        public static string Root => LazyRoot.Value;

        public static string ModuleManifest => Path.Combine(Root, "out", "AmiPs", "AmiPs.psd1");

        public static string FixturesDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "asterisk"));

        public static string Fixture(string name) => Path.Combine(FixturesDirectory, name);

        public static byte[] FixtureBytes(string name) => File.ReadAllBytes(Fixture(name));

        private static string FindRoot()
        {
            // AMIPS_REPO lets a scratch copy of the tests find the repository.
            var dir = new DirectoryInfo(Environment.GetEnvironmentVariable("AMIPS_REPO") ?? AppContext.BaseDirectory);
            while (dir is not null)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AmiPs.sln")))
                {
                    return dir.FullName;
                }

                dir = dir.Parent;
            }

            throw new InvalidOperationException("AmiPs.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
