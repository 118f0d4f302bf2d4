using BenchmarkDotNet.Running;

namespace AmiPs.Benchmarks
{
    public static class Program
    {
        // dotnet run -c Release --project bench/AmiPs.Benchmarks -- --filter '*'   (BenchmarkDotNet's own switches)
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
