using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AmiPs.Events;
using AmiPs.Protocol;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Pbx
{
    /// <summary>
    /// The lab secrets of the fixtures' pjsip.conf and ast20-sip.conf (which a real Asterisk sends in clear text in
    /// AuthDetail) appear in nothing AmiPs gives a user: objects, Fields, ToString, JSON, CSV, streams, logs, event
    /// history, errors; through Invoke-AmiAction, Receive-AmiEvent, Wait-AmiEvent and the PBX cmdlets.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class PbxSecretScanTests : IDisposable
    {
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer();

        /// <summary><c>password=</c> of pjsip.conf, <c>secret =</c> and the <c>register =&gt;</c> password of ast20-sip.conf.</summary>
        public static IReadOnlyList<string> LabSecrets()
        {
            var pjsip = File.ReadAllText(RepoPaths.Fixture("pjsip.conf"));
            var sip = File.ReadAllText(RepoPaths.Fixture("ast20-sip.conf"));
            return Regex.Matches(pjsip, @"^password\s*=\s*(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
                .Concat(Regex.Matches(sip, @"^secret\s*=\s*(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
                .Concat(Regex.Matches(sip, @"^register\s*=>\s*[^:]+:([^@]+)@", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
                .Distinct().ToList();
        }

        [Fact]
        public void The_lab_secrets_are_known_and_sit_in_the_recorded_bytes()
        {
            var secrets = LabSecrets();
            Assert.Equal(new[] { "pass1001", "pass1002", "trunkpass", "deadpass", "pass2001", "pass2002" }, secrets);
            var recorded = System.Text.Encoding.ASCII.GetString(RepoPaths.FixtureBytes("pjsip-lists.ami"));
            Assert.Contains("Password: trunkpass", recorded); // what a real Asterisk sends, and AmiPs must not pass on
        }

        [Fact]
        public void Redaction_takes_every_secret_out_of_every_recorded_message_and_leaves_the_rest_alone()
        {
            var secrets = LabSecrets();
            var messages = new[] { "pjsip-lists.ami", "pjsip-events.ami", "ast20-sip-lists.ami", "basic-call.ami" }.SelectMany(Fixtures.Messages).ToList();
            foreach (var message in messages)
            {
                var safe = AmiSecrets.Redact(message);
                Assert.All(safe, f => Assert.DoesNotContain(secrets, s => f.Value.Contains(s, StringComparison.Ordinal)));
                if (!AmiSecrets.CarriesSecrets(message.Name))
                {
                    Assert.Same(message, safe); // any other message costs nothing
                }
                else
                {
                    Assert.Equal(message.Select(f => f.Key), safe.Select(f => f.Key)); // same keys, same order
                }
            }

            var auth = AmiSecrets.Redact(messages.First(m => m.Name == "AuthDetail" && m["ObjectName"] == "provider-auth"));
            Assert.Equal(AmiSecrets.Redacted, auth["Password"]);
            Assert.Equal(string.Empty, auth["Md5Cred"]); // empty stays empty
            Assert.Equal("selftrunk", auth["Username"]);
        }

        [Fact]
        public void No_output_of_any_pbx_cmdlet_or_event_holds_a_lab_secret()
        {
            // A scripted server that answers as the recorded Asterisk did, and later sends its AuthDetail items as
            // live events (no ActionID): the way into subscribers, history and Receive-AmiEvent.
            var answers = new FixtureAnswers("pjsip-lists");
            _server.OnAction = answers.AnswerAsync;
            using var ps = new PsHost().ImportUtility();
            ps.SetVariable("port", _server.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential(_server.User, _server.Secret));
            ps.SetVariable("server", _server);
            ps.SetVariable("live", Fixtures.Messages("pjsip-lists.ami").Where(m => AmiSecrets.CarriesSecrets(m.Name))
                .Select(m => AmiMessageWriter.ToBytes(m.Where(f => f.Key != "ActionID"))).ToArray());

            var result = ps.Run(@"
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
                $streams = & {
                    $sim = Start-AmiSimulator
                    $a = Connect-Ami $sim.ComputerName -Port $sim.Port -Credential $sim.Credential -Name sim -Verbose -Debug
                    $b = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name recorded -Verbose -Debug
                    foreach ($s in $a, $b) {
                        foreach ($r in (Invoke-AmiAction PJSIPShowRegistrationsOutbound -Session $s), (Invoke-AmiAction PJSIPShowEndpoint @{ Endpoint = '1001' } -Session $s)) {
                            $r | Format-List * -Force | Out-String -Width 4096
                            $r | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
                            $r.Events | ForEach-Object { $_.ToString(); $_ | Format-List * -Force | Out-String -Width 4096; $_.Fields | Out-String -Width 4096; $_['Password'] }
                            $r.Events | ConvertTo-Csv
                            $r.Events | Select-Object * | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                        }
                        Get-AmiEndpoint -Session $s | ConvertTo-Json -Depth 5
                        Get-AmiEndpoint -Session $s | ConvertTo-Csv
                        Get-AmiRegistration -Session $s | ConvertTo-Json -Depth 5
                        Get-AmiRegistration -Session $s | Format-List * | Out-String -Width 4096
                    }
                    foreach ($bytes in $live) { $server.LastPeer.SendRawAsync($bytes).GetAwaiter().GetResult() }
                    $w = Wait-AmiEvent TransportDetail -Since ([DateTimeOffset]::MinValue) -Timeout 5 -Session $b
                    'waited for ' + $w.Event
                    $w | Format-List * -Force | Out-String -Width 4096
                    Receive-AmiEvent -Since ([DateTimeOffset]::MinValue) -Timeout 0.5 -Session $b | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096; $_ | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue }
                    $b.GetEventHistory() | ForEach-Object { $_.Fields | Out-String -Width 4096 }
                    Get-AmiLog -Session $a, $b | Format-List * | Out-String -Width 4096
                    Get-AmiStatus | ConvertTo-Json -Depth 4
                    $sim | Stop-AmiSimulator
                } *>&1 | Out-String -Width 4096
                $streams
                $Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096 }");

            Assert.Null(result.Terminating);
            var text = string.Join("\n", result.Output.Select(o => o?.ToString())) + string.Join("\n", result.Errors.Select(e => e.ToString()));
            Assert.Contains("AuthDetail", text); // the secret-bearing items were there to scan
            Assert.Contains("provider-auth", text);
            Assert.Contains(AmiSecrets.Redacted, text);
            Assert.Contains("waited for TransportDetail", text); // and came back as a live event, also replayed from history
            Assert.DoesNotContain(LabSecrets(), s => text.Contains(s, StringComparison.Ordinal));
        }

        public void Dispose() => _server.Dispose();
    }
}
