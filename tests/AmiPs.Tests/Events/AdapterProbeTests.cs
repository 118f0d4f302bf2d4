using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace AmiPs.Tests.Events
{
    public class AdapterProbeTests
    {
        private readonly ITestOutputHelper _out;

        public AdapterProbeTests(ITestOutputHelper output) => _out = output;

        [Fact]
        public void Probe()
        {
            using var host = new PsHost();
            host.SetVariable("g", EventTestData.Event("Event: Foo", "Privilege: call,all", "SomeUnknownField: x1"));
            host.SetVariable("h", EventTestData.Event("Event: Hangup", "Channel: PJSIP/1", "Cause: 16", "Cause-txt: Normal Clearing", "Weird: w"));
            foreach (var script in new[] { "$g.SomeUnknownField", "$g.GetField('Event')", "$h.Cause", "$h.Weird", "$h.'Cause-txt'", "$h.GetField('Channel')", "($h.PSObject.Properties.Name) -join ','", "$h.PSObject.TypeNames -join ','" })
            {
                var r = host.Run(script);
                _out.WriteLine(script + " => " + r);
            }
        }
    }
}
