using AmiPs.Protocol;
using BenchmarkDotNet.Attributes;

namespace AmiPs.Benchmarks
{
    /// <summary>Encoding actions: building and validating an Originate, and writing it as AMI bytes.</summary>
    [MemoryDiagnoser]
    [MinColumn]
    [MedianColumn]
    public class ActionBenchmarks
    {
        private readonly AmiMessageWriter.ArrayBuffer _output = new AmiMessageWriter.ArrayBuffer();
        private AmiAction _originate = null!;

        [GlobalSetup]
        public void Setup() => _originate = Originate();

        [Benchmark]
        public AmiAction BuildOriginate() => Originate();

        [Benchmark]
        public int WriteOriginate()
        {
            _output.Clear();
            AmiMessageWriter.WriteAction(_output, _originate, "a1b2c3d4.42");
            return _output.WrittenCount;
        }

        [Benchmark]
        public int WritePing()
        {
            _output.Clear();
            AmiMessageWriter.WriteAction(_output, Ping, "a1b2c3d4.43");
            return _output.WrittenCount;
        }

        private static readonly AmiAction Ping = new AmiAction("Ping");

        private static AmiAction Originate() => new AmiAction("Originate")
            .Add("Channel", "PJSIP/1001")
            .Add("Context", "office")
            .Add("Exten", "2000")
            .Add("Priority", "1")
            .Add("CallerID", "\"Alice\" <1001>")
            .Add("Timeout", "30000")
            .Add("Async", "true")
            .Add("ChannelId", "c0ffee00-0000-4000-8000-000000000001")
            .Add("Variable", "CALLTYPE=bench");
    }
}
