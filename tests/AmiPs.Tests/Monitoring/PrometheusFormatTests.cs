using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AmiPs.Monitoring;
using AmiPs.Monitoring.Formats;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>The Prometheus text parsed back line by line, as a scraper reads it (exposition format 0.0.4).</summary>
    public sealed class PrometheusFormatTests
    {
        [Fact]
        public async Task Health_results_parse_back_with_their_labels_and_values()
        {
            var results = new[]
            {
                new AmiHealthResult("pbx1", "Connection", null, AmiHealthStatus.Ok, "ok") { Value = 1.25 },
                new AmiHealthResult("pbx1", "Registrations", "trunk \"a\"\\b\nc", AmiHealthStatus.Critical, "Rejected"),
                new AmiHealthResult("pbx2", "Queues", "support", AmiHealthStatus.Unknown, "no app_queue"),
            };

            var text = await AmiPrometheusExporter.FormatAsync(Array.Empty<AmiPs.Client.AmiSession>(), results);
            var samples = PrometheusParser.Parse(text);

            Assert.Equal(0, samples.Single(s => s.Name == "amips_check_status" && s.Labels["check"] == "Connection").Value);
            Assert.Equal(1.25, samples.Single(s => s.Name == "amips_check_value").Value);
            var trunk = samples.Single(s => s.Name == "amips_check_status" && s.Labels["check"] == "Registrations");
            Assert.Equal("trunk \"a\"\\b\nc", trunk.Labels["target"]);
            Assert.Equal(2, trunk.Value);
            Assert.Equal(3, samples.Single(s => s.Labels.TryGetValue("pbx", out var p) && p == "pbx2").Value);
        }

        [Fact]
        public void Every_metric_has_one_help_and_one_type_before_its_samples_which_stay_together()
        {
            var text = new AmiPrometheusText()
                .Gauge("a_one", "first\\metric\nhelp", 1, ("x", "1"))
                .Counter("b_total", "second", 2)
                .Gauge("a_one", "ignored: the first help wins", 3, ("x", "2"))
                .Gauge("c_inf", "inf", double.PositiveInfinity)
                .ToString();

            Assert.EndsWith("\n", text);
            var samples = PrometheusParser.Parse(text);
            Assert.Equal(new[] { "a_one", "a_one", "b_total", "c_inf" }, samples.Select(s => s.Name));
            Assert.Contains("# HELP a_one first\\\\metric\\nhelp\n", text);
            Assert.Contains("# TYPE b_total counter\n", text);
            Assert.True(double.IsPositiveInfinity(samples.Last().Value));
        }

        /// <summary>A strict reader of the text format: fails on anything a scraper would reject.</summary>
        internal static class PrometheusParser
        {
            private static readonly Regex Name = new Regex("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
            private static readonly Regex LabelName = new Regex("^[a-zA-Z_][a-zA-Z0-9_]*$");

            public static List<(string Name, Dictionary<string, string> Labels, double Value)> Parse(string text)
            {
                var samples = new List<(string, Dictionary<string, string>, double)>();
                var help = new HashSet<string>();
                var types = new Dictionary<string, string>();
                var finished = new HashSet<string>();
                string? current = null;
                foreach (var line in text.Split('\n').Take(text.Split('\n').Length - 1))
                {
                    if (line.StartsWith("# HELP ", StringComparison.Ordinal))
                    {
                        var name = line.Substring(7).Split(' ')[0];
                        Assert.True(help.Add(name), "two HELP lines for " + name);
                        Assert.DoesNotContain(name, types.Keys); // HELP comes before TYPE and samples here
                        continue;
                    }

                    if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                    {
                        var parts = line.Substring(7).Split(' ');
                        Assert.Contains(parts[1], new[] { "gauge", "counter", "untyped" });
                        Assert.False(types.ContainsKey(parts[0]), "two TYPE lines for " + parts[0]);
                        types[parts[0]] = parts[1];
                        continue;
                    }

                    Assert.False(line.StartsWith("#", StringComparison.Ordinal), "unexpected comment: " + line);
                    var (sampleName, labels, rest) = Sample(line);
                    Assert.Matches(Name, sampleName);
                    Assert.True(types.ContainsKey(sampleName), "a sample before its TYPE: " + line);
                    if (current != sampleName)
                    {
                        Assert.True(current is null || finished.Add(current), "samples of " + current + " split");
                        Assert.DoesNotContain(sampleName, finished);
                        current = sampleName;
                    }

                    var value = rest switch
                    {
                        "+Inf" => double.PositiveInfinity,
                        "-Inf" => double.NegativeInfinity,
                        "NaN" => double.NaN,
                        _ => double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture),
                    };
                    samples.Add((sampleName, labels, value));
                }

                return samples;
            }

            private static (string Name, Dictionary<string, string> Labels, string Value) Sample(string line)
            {
                var labels = new Dictionary<string, string>();
                var brace = line.IndexOf('{');
                if (brace < 0)
                {
                    var space = line.IndexOf(' ');
                    return (line.Substring(0, space), labels, line.Substring(space + 1));
                }

                var i = brace + 1;
                while (line[i] != '}')
                {
                    var eq = line.IndexOf('=', i);
                    var label = line.Substring(i, eq - i);
                    Assert.Matches(LabelName, label);
                    Assert.Equal('"', line[eq + 1]);
                    var value = new StringBuilder();
                    i = eq + 2;
                    while (line[i] != '"')
                    {
                        if (line[i] == '\\')
                        {
                            i++;
                            value.Append(line[i] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw new Xunit.Sdk.XunitException("bad escape in " + line) });
                        }
                        else
                        {
                            value.Append(line[i]);
                        }

                        i++;
                    }

                    labels.Add(label, value.ToString());
                    i++;
                    if (line[i] == ',')
                    {
                        i++;
                    }
                }

                Assert.Equal(' ', line[i + 1]);
                return (line.Substring(0, brace), labels, line.Substring(i + 2));
            }
        }
    }
}
