using System;
using System.Linq;
using System.Management.Automation;
using AmiPs.Client;
using AmiPs.Tests.Events;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Simulator
{
    /// <summary>Start-AmiSimulator and Stop-AmiSimulator through the real PowerShell engine, with the module's own client cmdlets.</summary>
    public sealed class SimulatorCmdletTests : IDisposable
    {
        private readonly PsHost _ps = new PsHost();

        [Fact]
        public void Start_connect_command_extensions_stop()
        {
            var result = _ps.Run(@"
                $sim = Start-AmiSimulator -Name demo
                $sim.Name; $sim.ComputerName; $sim.Port -gt 0; $sim.Credential.UserName
                $session = $sim | Connect-Ami
                $session.State
                (@(Invoke-AmiCommand 'core show version') -join ' ') -match 'Asterisk'
                @(Get-AmiExtension).Count
                Stop-AmiSimulator -Simulator $sim
                Stop-AmiSimulator -Simulator $sim
                Stop-AmiSimulator").ThrowIfErrors();

            Assert.Equal("demo", result.Output[0].BaseObject);
            Assert.Equal("127.0.0.1", result.Output[1].BaseObject);
            Assert.Equal(true, result.Output[2].BaseObject);
            Assert.Equal("admin", result.Output[3].BaseObject);
            Assert.Equal(AmiSessionState.Connected, result.Output[4].BaseObject);
            Assert.Equal(true, result.Output[5].BaseObject);
            Assert.Equal(4, result.Output[6].BaseObject);
            Assert.Equal(7, result.Output.Count);
        }

        [Fact]
        public void Without_credential_the_secret_is_random_and_only_in_the_returned_credential()
        {
            var result = _ps.Run(@"
                $a = Start-AmiSimulator; $b = Start-AmiSimulator
                $a.Name -ne $b.Name
                $a.Credential.GetNetworkCredential().Password -ne $b.Credential.GetNetworkCredential().Password
                $a.Credential.GetNetworkCredential().Password.Length
                (@($a.PSObject.Properties | ForEach-Object { [string]$_.Value }) -join ' ').Contains($a.Credential.GetNetworkCredential().Password)
                $a.ToString()
                Stop-AmiSimulator
                try { $c = New-Object Net.Sockets.TcpClient; $c.Connect('127.0.0.1', $a.Port); 'connected' } catch { 'refused' }").ThrowIfErrors();

            Assert.Equal(true, result.Output[0].BaseObject);
            Assert.Equal(true, result.Output[1].BaseObject);
            Assert.Equal(24, result.Output[2].BaseObject);
            Assert.Equal(false, result.Output[3].BaseObject);
            Assert.DoesNotContain("Password", (string)result.Output[4].BaseObject, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("refused", result.Output[5].BaseObject);
        }

        [Fact]
        public void Given_credential_and_options_are_used()
        {
            var secret = new System.Security.SecureString();
            foreach (var c in "given-secret")
            {
                secret.AppendChar(c);
            }

            _ps.SetVariable("cred", new PSCredential("alice", secret));
            var result = _ps.Run(@"
                $sim = Start-AmiSimulator -Credential $cred -TimestampEvents -TrafficRate 20 -TalkTime 2 -RingTime '00:00:00.5'
                $s = Connect-Ami -ComputerName $sim.ComputerName -Port $sim.Port -Credential $cred
                $s.UserName
                $sim.Simulator.Options.TimestampEvents
                $sim.Simulator.Options.TrafficCallsPerSecond
                $sim.Simulator.Options.TalkTime.TotalSeconds
                $sim.Simulator.Options.RingTime.TotalMilliseconds
                Stop-AmiSimulator $sim").ThrowIfErrors();

            Assert.Equal("alice", result.Output[0].BaseObject);
            Assert.Equal(true, result.Output[1].BaseObject);
            Assert.Equal(20.0, result.Output[2].BaseObject);
            Assert.Equal(2.0, result.Output[3].BaseObject);
            Assert.Equal(500.0, result.Output[4].BaseObject);
        }

        public void Dispose() => _ps.Dispose();
    }
}
