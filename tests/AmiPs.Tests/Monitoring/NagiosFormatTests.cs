using System.Linq;
using System.Text.RegularExpressions;
using AmiPs.Monitoring;
using AmiPs.Monitoring.Formats;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>ConvertTo-AmiNagios's text and exit codes, as the Nagios plugin guidelines define them.</summary>
    public sealed class NagiosFormatTests
    {
        // 'label'=value[UOM];[warn];[crit];[min];[max]
        private static readonly Regex Perfdata = new Regex(@"^'(?:[^'=]|'')+'=-?[0-9.]+(s|ms|us|%|B|KB|MB|TB|c)?;[0-9.:]*;[0-9.:]*;[0-9.]*;[0-9.]*$");

        private static AmiHealthResult Result(string check, AmiHealthStatus status, double? value = null, string target = "", string host = "pbx1", string message = "msg") =>
            new AmiHealthResult(host, check, target, status, message) { Value = value, Unit = value is null ? string.Empty : "ms", Warning = 500, Critical = 2000 };

        [Theory]
        [InlineData(new[] { AmiHealthStatus.Ok, AmiHealthStatus.Ok }, 0, "OK")]
        [InlineData(new[] { AmiHealthStatus.Ok, AmiHealthStatus.Warning }, 1, "WARNING")]
        [InlineData(new[] { AmiHealthStatus.Warning, AmiHealthStatus.Critical, AmiHealthStatus.Ok }, 2, "CRITICAL")]
        [InlineData(new[] { AmiHealthStatus.Warning, AmiHealthStatus.Unknown }, 3, "UNKNOWN")]
        [InlineData(new[] { AmiHealthStatus.Unknown, AmiHealthStatus.Critical }, 2, "CRITICAL")] // a PBX that is down reads as CRITICAL
        public void The_worst_result_sets_the_exit_code_and_the_first_word(AmiHealthStatus[] statuses, int exitCode, string word)
        {
            var nagios = AmiNagiosFormatter.Format(statuses.Select((s, i) => Result("Check" + i, s)).ToList());

            Assert.Equal(exitCode, nagios.ExitCode);
            Assert.StartsWith("AMI " + word + " - ", nagios.Output);
        }

        [Fact]
        public void First_line_has_summary_and_perfdata_then_one_line_per_result_worst_first()
        {
            var results = new[]
            {
                Result("Connection", AmiHealthStatus.Ok, 1.5, message: "ping 1.5 ms"),
                Result("Registrations", AmiHealthStatus.Critical, target: "trunk-a", message: "Rejected"),
                new AmiHealthResult("pbx1", "Uptime", null, AmiHealthStatus.Ok, "up 3d") { Value = 300000, Unit = "s", Warning = 600 },
                new AmiHealthResult("pbx1", "Channels", null, AmiHealthStatus.Warning, "62 active channels") { Value = 62, Warning = 50, Critical = 100 },
            };

            var lines = AmiNagiosFormatter.Format(results).Output.Split('\n');

            var first = lines[0].Split(new[] { " | " }, System.StringSplitOptions.None);
            Assert.Equal(2, first.Length);
            Assert.Equal("AMI CRITICAL - Registrations trunk-a: Rejected; Channels: 62 active channels", first[0]);
            var perfdata = first[1].Split(' ');
            Assert.All(perfdata, p => Assert.Matches(Perfdata, p));
            Assert.Equal(new[] { "'Connection'=1.5ms;500;2000;0;", "'Uptime'=300000s;600:;;0;", "'Channels'=62;50;100;0;" }, perfdata);
            Assert.Equal(new[] { "[CRITICAL] Registrations trunk-a: Rejected", "[WARNING] Channels: 62 active channels", "[OK] Connection: ping 1.5 ms", "[OK] Uptime: up 3d" }, lines.Skip(1));
        }

        [Fact]
        public void A_queue_gives_its_callers_and_its_longest_wait_each_with_their_levels()
        {
            var queue = new AmiHealthResult("pbx1", "Queues", "support desk", AmiHealthStatus.Warning, "2 callers waiting, longest 1m 15s")
            {
                Value = 2,
                Warning = 5,
                Critical = 10,
                Measures = new[] { new AmiHealthMeasure("LongestWait", 75, "s", 60, 300) },
            };

            var perfdata = AmiNagiosFormatter.Format(new[] { queue }).Output.Split('\n')[0].Split(new[] { " | " }, System.StringSplitOptions.None)[1];

            Assert.Equal("'Queues support desk'=2;5;10;0; 'Queues support desk LongestWait'=75s;60;300;0;", perfdata);
        }

        [Fact]
        public void A_measure_reads_back_from_its_text_as_a_job_returns_it()
        {
            var measure = new AmiHealthMeasure("LongestWait", 75.5, "s", 60, null);

            Assert.Equal("LongestWait=75.5s;60;", measure.ToString());
            Assert.True(AmiHealthMeasure.TryParse(measure.ToString(), out var back));
            Assert.Equal(("LongestWait", 75.5, "s", (double?)60, (double?)null), (back!.Name, back.Value, back.Unit, back.Warning, back.Critical));
            Assert.False(AmiHealthMeasure.TryParse("not a measure", out _));
            Assert.False(AmiHealthMeasure.TryParse("x=1;2", out _));
        }

        [Fact]
        public void All_ok_says_how_many_checks_and_where()
        {
            var output = AmiNagiosFormatter.Format(new[] { Result("Connection", AmiHealthStatus.Ok, 1), Result("Channels", AmiHealthStatus.Ok, 0) }).Output;

            Assert.StartsWith("AMI OK - 2 checks OK on pbx1 | ", output);
        }

        [Fact]
        public void Several_pbxes_name_the_host_in_labels_and_lines()
        {
            var output = AmiNagiosFormatter.Format(new[] { Result("Connection", AmiHealthStatus.Ok, 1, host: "pbx1"), Result("Connection", AmiHealthStatus.Critical, host: "pbx2", message: "refused") }).Output;

            Assert.StartsWith("AMI CRITICAL - pbx2 Connection: refused | 'pbx1 Connection'=1ms;500;2000;0;", output);
        }

        [Fact]
        public void Quotes_equals_pipes_and_line_breaks_cannot_break_the_format()
        {
            var output = AmiNagiosFormatter.Format(new[] { Result("Endpoints", AmiHealthStatus.Warning, 250, target: "o'brien=1", message: "a | b\nc") }).Output;
            var lines = output.Split('\n');

            Assert.Equal(2, lines.Length);
            Assert.Equal("AMI WARNING - Endpoints o'brien=1: a / b c | 'Endpoints o''brien_1'=250ms;500;2000;0;", lines[0]);
            Assert.Matches(Perfdata, lines[0].Split(new[] { " | " }, System.StringSplitOptions.None)[1]);
        }

        [Fact]
        public void No_results_is_unknown()
        {
            var nagios = AmiNagiosFormatter.Format(System.Array.Empty<AmiHealthResult>());

            Assert.Equal(3, nagios.ExitCode);
            Assert.StartsWith("AMI UNKNOWN - ", nagios.Output);
        }
    }
}
