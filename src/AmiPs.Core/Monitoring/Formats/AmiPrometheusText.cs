using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AmiPs.Monitoring.Formats
{
    /// <summary>
    /// Prometheus' text exposition format (version 0.0.4): per metric one <c># HELP</c> and one <c># TYPE</c> line,
    /// then its samples together, <c>name{label="value",...} number</c>, label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>).
    /// </summary>
    public sealed class AmiPrometheusText
    {
        private readonly List<Family> _families = new List<Family>();
        private readonly Dictionary<string, Family> _byName = new Dictionary<string, Family>(StringComparer.Ordinal);

        /// <summary>Adds a sample; the first sample of a metric fixes its help text and type (<c>gauge</c> or <c>counter</c>).</summary>
        public AmiPrometheusText Add(string name, string help, string type, double value, params (string Name, string Value)[] labels)
        {
            if (!_byName.TryGetValue(name, out var family))
            {
                family = new Family(name, help, type);
                _byName[name] = family;
                _families.Add(family);
            }

            family.Samples.Add((labels, value));
            return this;
        }

        public AmiPrometheusText Gauge(string name, string help, double value, params (string Name, string Value)[] labels) => Add(name, help, "gauge", value, labels);

        public AmiPrometheusText Counter(string name, string help, double value, params (string Name, string Value)[] labels) => Add(name, help, "counter", value, labels);

        /// <summary>The exposition text, ending with a line feed (empty when there is nothing).</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var family in _families)
            {
                text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
                text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
                foreach (var (labels, value) in family.Samples)
                {
                    text.Append(family.Name);
                    if (labels.Length > 0)
                    {
                        text.Append('{');
                        for (var i = 0; i < labels.Length; i++)
                        {
                            text.Append(i == 0 ? string.Empty : ",").Append(labels[i].Name).Append("=\"").Append(EscapeLabel(labels[i].Value)).Append('"');
                        }

                        text.Append('}');
                    }

                    text.Append(' ').Append(Number(value)).Append('\n');
                }
            }

            return text.ToString();
        }

        public static string EscapeLabel(string? value) => (value ?? string.Empty).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

        public static string EscapeHelp(string help) => help.Replace("\\", "\\\\").Replace("\n", "\\n");

        public static string Number(double value) =>
            double.IsNaN(value) ? "NaN"
            : double.IsPositiveInfinity(value) ? "+Inf"
            : double.IsNegativeInfinity(value) ? "-Inf"
            : value.ToString("R", CultureInfo.InvariantCulture);

        private sealed class Family
        {
            public Family(string name, string help, string type)
            {
                Name = name;
                Help = help;
                Type = type;
            }

            public string Name { get; }

            public string Help { get; }

            public string Type { get; }

            public List<((string Name, string Value)[] Labels, double Value)> Samples { get; } = new List<((string Name, string Value)[] Labels, double Value)>();
        }
    }
}
