using System;
using System.IO;
using SharpFuzz;

namespace AmiPs.Fuzz
{
    /// <summary>
    /// <c>dotnet AmiPs.Fuzz.dll</c> under afl-fuzz runs the target out of process (fuzz/run.sh);
    /// <c>dotnet AmiPs.Fuzz.dll --replay DIR</c> runs every file of a directory once (crash triage).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 2 && args[0] == "--replay")
            {
                var failed = 0;
                foreach (var file in Directory.GetFiles(args[1]))
                {
                    try
                    {
                        ParserTarget.Run(File.ReadAllBytes(file));
                    }
                    catch (Exception ex)
                    {
                        failed++;
                        Console.Error.WriteLine($"{Path.GetFileName(file)}: {ex}");
                    }
                }

                Console.WriteLine($"{Directory.GetFiles(args[1]).Length} inputs replayed, {failed} failed");
                return failed == 0 ? 0 : 1;
            }

            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                ParserTarget.Run(copy.ToArray());
            });
            return 0;
        }
    }
}
