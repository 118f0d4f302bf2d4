using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Faults
{
    /// <summary>
    /// A known secret goes in through -Credential; nothing a user can print, log or serialise afterwards may hold
    /// it: every stream (with -Verbose and -Debug), errors of a failed login, ToString, Format-List and
    /// ConvertTo-Json of the session, its status and its log.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class SecretScanTests : IDisposable
    {
        private const string Secret = "Kn0wn-S3cret-7f3a";
        private const string WrongSecret = "Wr0ng-S3cret-91bd";
        private readonly ScriptedAmiServer _server = new ScriptedAmiServer("monitor", Secret);

        [Fact]
        public void No_stream_string_or_json_holds_the_secret_after_good_and_failed_logins()
        {
            using var ps = new PsHost().ImportUtility();
            ps.SetVariable("port", _server.Port);
            ps.SetVariable("cred", TestDefaults.PsCredential("monitor", Secret));
            ps.SetVariable("badcred", TestDefaults.PsCredential("monitor", WrongSecret));
            _server.OnAction = (peer, action) => peer.SendAsync(action.ActionId, ("Response", "Error"), ("Message", "Permission denied"));

            var result = ps.Run(@"
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                $streams = & {
                    $s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -AuthType Plain -Name plain -Verbose -Debug
                    $m = Connect-Ami 127.0.0.1 -Port $port -Credential $cred -Name md5 -Verbose -Debug
                    Connect-Ami 127.0.0.1 -Port $port -Credential $badcred -Name bad -Verbose -Debug
                    Connect-Ami 127.0.0.1 -Port $port -Credential $badcred -AuthType Plain -Name badplain -Verbose -Debug
                    Invoke-AmiAction Originate @{ Channel = 'Local/1@x' } -Session $s -Verbose
                    Invoke-AmiCommand 'core show channels' -Session $s -Verbose
                    Get-AmiStatus -Verbose
                    Get-AmiSession | Format-List * -Force | Out-String -Width 4096
                    Get-AmiSession | ForEach-Object { $_.ToString(); $_.Options.ToString() }
                    Get-AmiSession | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                    Get-AmiStatus | ConvertTo-Json -Depth 4
                    Get-AmiSession | ForEach-Object { $_.Log.GetEntries() } | ConvertTo-Json -Depth 4
                    Get-AmiSession | ForEach-Object { $_.StateHistory } | ConvertTo-Json -Depth 4
                } *>&1 | Out-String -Width 4096
                $errors = $Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096; $_.Exception.ToString(); $_.Exception | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue }
                $streams
                $errors -join ""`n""
                $Error.Count");

            Assert.Null(result.Terminating);
            var text = string.Join("\n", result.Output.Select(o => o?.ToString()))
                + string.Join("\n", result.Errors.Select(e => e.ToString()))
                + string.Join("\n", result.Warnings.Concat(result.Verbose));
            Assert.Contains("Authentication failed", text); // the failed logins were there to scan
            Assert.Contains("Authenticated as monitor", text); // and the verbose stream of the good ones
            Assert.Contains("\"UserName\": \"monitor\"", text); // and the JSON
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(WrongSecret, text);
            Assert.Equal(4, _server.ReceivedCount("Login")); // two good and two refused logins took place
        }

        public void Dispose() => _server.Dispose();
    }
}
