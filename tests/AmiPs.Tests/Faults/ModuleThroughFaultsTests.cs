using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using AmiPs.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;
using static AmiPs.Tests.TestSupport.TestDefaults;

namespace AmiPs.Tests.Faults
{
    /// <summary>The module, through the fault proxy: usable before, during and after an outage, with clear errors in between.</summary>
    public sealed class ModuleThroughFaultsTests : FaultTestBase
    {
        public ModuleThroughFaultsTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Fact]
        public void PowerShell_stays_usable_through_an_outage()
        {
            using var ps = new PsHost();
            ps.SetVariable("port", Proxy.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential(Server.User, Server.Secret));
            ps.Run("$s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -ReconnectDelay 0.02 -KeepAliveInterval 0.1").ThrowIfErrors();
            Assert.Equal("Pong", ps.Run("(Invoke-AmiAction Ping)['Ping']").ThrowIfErrors().Output.Single().BaseObject);

            Proxy.RefuseFor(TimeSpan.FromMilliseconds(700));
            Proxy.ResetAll();
            Eventually.WaitUntil(() => State(ps) == "Reconnecting", Deadline, "Reconnecting seen from PowerShell");
            var during = ps.Run("Invoke-AmiAction Ping; $st = Get-AmiStatus; $st.IsHealthy; $st.State.ToString()");
            Eventually.WaitUntil(() => State(ps) == "Connected", Deadline, "Connected again");
            var after = ps.Run("(Invoke-AmiAction Ping)['Ping']; (Get-AmiStatus).ReconnectCount").ThrowIfErrors();

            var error = Assert.Single(during.Errors);
            Assert.Contains("reconnecting", error.Exception.Message);
            Assert.Equal(new object[] { false, "Reconnecting" }, during.Output.Select(o => o.BaseObject));
            Assert.Equal(new object[] { "Pong", 1 }, after.Output.Select(o => o.BaseObject));
        }

        private static string State(PsHost ps) => ps.Run("(Get-AmiStatus).State.ToString()").Output.Single().BaseObject.ToString()!;
    }
}
