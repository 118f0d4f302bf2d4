using System;
using System.Collections;
using AmiPs.Monitoring;
using Xunit;

namespace AmiPs.Tests.Monitoring
{
    /// <summary>-Threshold: defaults, overrides, and clear errors for what cannot be meant.</summary>
    public sealed class ThresholdTests
    {
        [Fact]
        public void Overrides_replace_only_the_levels_given()
        {
            var thresholds = AmiHealthThresholds.Default.With(new Hashtable { ["channels"] = new Hashtable { ["Warning"] = 50, ["Critical"] = "100" }, ["Uptime"] = new Hashtable { ["Warning"] = null } });

            Assert.Equal(new AmiThreshold(50, 100, string.Empty), thresholds[AmiHealthThresholds.Channels]);
            Assert.Null(thresholds[AmiHealthThresholds.Uptime].Warning);
            Assert.Equal(AmiHealthThresholds.Default[AmiHealthThresholds.LongCalls], thresholds[AmiHealthThresholds.LongCalls]);
            Assert.Equal(AmiHealthStatus.Warning, thresholds[AmiHealthThresholds.Channels].Evaluate(50));
            Assert.Equal(AmiHealthStatus.Critical, thresholds[AmiHealthThresholds.Channels].Evaluate(100));
            Assert.Equal(AmiHealthStatus.Ok, thresholds[AmiHealthThresholds.Channels].Evaluate(49));
            Assert.Equal(AmiHealthStatus.Warning, AmiHealthThresholds.Default[AmiHealthThresholds.Uptime].Evaluate(599)); // low uptime is the bad one
        }

        [Theory]
        [InlineData("Chanels", "Warning", 1, "Unknown threshold 'Chanels'. Known thresholds: Connection, Uptime, Channels")]
        [InlineData("Channels", "Warn", 1, "Threshold 'Channels' takes Warning and Critical, not 'Warn'")]
        [InlineData("Channels", "Warning", "lots", "Threshold 'Channels' Warning must be a number, not 'lots'")]
        [InlineData("Channels", "Warning", -1, "must be a number of zero or more")]
        [InlineData("Channels", "Warning", 500, "Threshold 'Channels': Warning (500) must be at most Critical (200)")]
        [InlineData("Uptime", "Critical", 900, "Warning (600) must be at least Critical (900)")]
        public void A_bad_override_names_what_is_wrong(string name, string level, object value, string message)
        {
            var error = Assert.Throws<ArgumentException>(() => AmiHealthThresholds.Default.With(new Hashtable { [name] = new Hashtable { [level] = value } }));

            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void A_level_that_is_not_a_hashtable_is_an_error()
        {
            var error = Assert.Throws<ArgumentException>(() => AmiHealthThresholds.Default.With(new Hashtable { ["Channels"] = 50 }));

            Assert.Contains("@{ Warning = 50; Critical = 100 }", error.Message);
        }

        [Fact]
        public void Unknown_checks_are_errors_and_wildcards_select_checks()
        {
            Assert.Contains("Unknown check 'Foo'", Assert.Throws<ArgumentException>(() => AmiHealthRequest.Create(new[] { "Foo" }, null, null, null, TimeSpan.FromSeconds(1))).Message);
            Assert.Equal(new[] { "Connection", "Channels" }, AmiHealthRequest.Create(new[] { "chan*" }, null, null, null, TimeSpan.FromSeconds(1)).CheckNames);
        }

        [Theory]
        [InlineData("trunk-a", true)]
        [InlineData("TRUNK-b", true)]
        [InlineData("trunk-test", false)]
        [InlineData("phone-1", false)]
        public void Include_and_exclude_are_wildcards_on_targets(string target, bool selected) =>
            Assert.Equal(selected, new AmiTargetFilter(new[] { "trunk-*" }, new[] { "*-test" }).Selects(target));
    }
}
