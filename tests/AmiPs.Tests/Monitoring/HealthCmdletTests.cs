using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AmiPs.Monitoring;
using AmiPs.Monitoring.Formats;
using AmiPs.Simulator;
using AmiPs.Tests.Module;
using AmiPs.Tests.TestSupport;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>Test-AmiHealth and the format cmdlets through the real engine, as users pipe them.</summary>
    [Collection(SerialCollection.Name)]
    public sealed class HealthCmdletTests : IAsyncLifetime
    {
        private readonly PsHost _ps = FullEngine.NewHost();
        private AmiSimulator _sim = null!;

        public async Task InitializeAsync()
        {
            _sim = await AmiSimulator.StartAsync(HealthCheckTests.Healthy());
            _ps.SetVariable("port", _sim.Port);
            _ps.SetVariable("cred", TestDefaults.PsCredential("monitor", "health-secret"));
        }

        public async Task DisposeAsync()
        {
            _ps.Dispose();
            await _sim.DisposeAsync();
        }

        [Fact]
        public void Names_from_the_pipeline_are_checked_in_parallel_and_written_on_the_pipeline_thread()
        {
            // 127.0.0.1 answers; the 127.0.1.x addresses have nothing on that port.
            var result = _ps.Run("'127.0.0.1', '127.0.1.20', '127.0.1.21', '127.0.0.1' | Test-AmiHealth -Port $port -Credential $cred -Check Connection, Registrations -ThrottleLimit 4 -Timeout 5");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            var results = result.Objects<AmiHealthResult>().ToList();
            Assert.Equal(new[] { "127.0.0.1", "127.0.1.20", "127.0.1.21" }, results.Select(r => r.ComputerName).Distinct().OrderBy(h => h));
            Assert.Equal(3, results.Count(r => r.Check == "Connection")); // a name given twice is checked once
            Assert.Equal(AmiHealthStatus.Ok, results.Single(r => r.ComputerName == "127.0.0.1" && r.Check == "Connection").Status);
            Assert.All(results.Where(r => r.ComputerName != "127.0.0.1" && r.Check == "Connection"), r => Assert.Equal(AmiHealthStatus.Critical, r.Status));
        }

        [Fact]
        public void Json_has_status_names_and_iso_times()
        {
            var json = (string)_ps.Run("Test-AmiHealth 127.0.0.1 -Port $port -Credential $cred -Check Connection | ConvertTo-Json -Compress").ThrowIfErrors().Output.Single().BaseObject;

            var item = JsonDocument.Parse(json).RootElement;
            Assert.Equal("Ok", item.GetProperty("Status").GetString());
            Assert.True(DateTimeOffset.TryParseExact(item.GetProperty("Time").GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", null, System.Globalization.DateTimeStyles.None, out _), json);
            Assert.DoesNotContain("health-secret", json);
        }

        [Fact]
        public void Bad_thresholds_and_checks_are_terminating_errors_that_name_them()
        {
            var threshold = _ps.Run("Test-AmiHealth 127.0.0.1 -Port $port -Credential $cred -Threshold @{ Chanels = @{ Warning = 1 } }");
            var check = _ps.Run("Test-AmiHealth 127.0.0.1 -Port $port -Credential $cred -Check Trunks");

            Assert.Empty(threshold.Output);
            Assert.Contains("Unknown threshold 'Chanels'", Assert.Single(threshold.Errors).Exception.Message);
            Assert.StartsWith("AmiInvalidArgument,", threshold.Errors[0].FullyQualifiedErrorId);
            Assert.Contains("Unknown check 'Trunks'", Assert.Single(check.Errors).Exception.Message);
        }

        [Fact]
        public void Deserialized_results_still_make_nagios_and_prometheus_output()
        {
            var result = _ps.Run(@"
                $s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred
                $sim.Sip.LoseRegistration('trunk-b', 'Rejected') | Out-Null
                $live = Test-AmiHealth -Session $s -Threshold @{ Uptime = @{ Warning = 10 } }
                $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($live))
                $copy[0].PSObject.TypeNames[0]
                $copy | ConvertTo-AmiNagios
                $copy | ConvertTo-AmiPrometheus
                'not a result' | ConvertTo-AmiNagios -ErrorAction SilentlyContinue -ErrorVariable bad | Out-Null
                $bad[0].FullyQualifiedErrorId", new System.Collections.Generic.Dictionary<string, object?> { ["sim"] = _sim });

            Assert.Null(result.Terminating);
            Assert.Equal("Deserialized.AmiPs.Monitoring.AmiHealthResult", result.Output[0].BaseObject);
            var nagios = (AmiNagiosResult)result.Output[1].BaseObject;
            Assert.Equal(2, nagios.ExitCode);
            Assert.StartsWith("AMI CRITICAL - Registrations trunk-b: not registered", nagios.Output);
            var prometheus = (string)result.Output[2].BaseObject;
            Assert.Contains("amips_check_status{pbx=\"127.0.0.1\",check=\"Registrations\",target=\"trunk-b\"} 2\n", prometheus);
            Assert.StartsWith("AmiNotAHealthResult", (string)result.Output[3].BaseObject);
        }

        [Fact]
        public void Export_AmiMetric_writes_the_session_and_the_results_to_the_file()
        {
            var path = Path.Combine(Path.GetTempPath(), "amips-" + Guid.NewGuid().ToString("N") + ".prom");
            try
            {
                _ps.SetVariable("path", path);
                _ps.Run(@"
                    $s = Connect-Ami 127.0.0.1 -Port $port -Credential $cred
                    Test-AmiHealth -Session $s -Check Connection | Export-AmiMetric -Path $path -Session $s
                    Export-AmiMetric -Path $path -Session $s -WhatIf").ThrowIfErrors();

                var text = File.ReadAllText(path);
                Assert.Contains("amips_check_status{pbx=\"127.0.0.1\",check=\"Connection\",target=\"\"} 0\n", text);
                Assert.Contains("asterisk_core_uptime_seconds{pbx=\"127.0.0.1\"} ", text);
                Assert.Contains("asterisk_pjsip_outbound_registration_status{pbx=\"127.0.0.1\",username=", text);
                Assert.Contains("amips_queue_available_members{pbx=\"127.0.0.1\",queue=\"support\"} 1\n", text);
                Assert.Contains("asterisk_endpoints_state{pbx=\"127.0.0.1\",id=\"PJSIP/1001\",tech=\"PJSIP\",resource=\"1001\"} 2\n", text);
                Assert.Contains("amips_check_status", text); // -WhatIf left the file as it was
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
