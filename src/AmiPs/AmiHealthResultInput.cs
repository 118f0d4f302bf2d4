using System;
using System.Globalization;
using System.Management.Automation;
using AmiPs.Monitoring;

namespace AmiPs.Commands
{
    /// <summary>
    /// Reads a health result from the pipeline: the object itself, or the property bag it becomes after a trip through
    /// a job or remoting (<c>Deserialized.AmiPs.Monitoring.AmiHealthResult</c>), read by property name.
    /// </summary>
    internal static class AmiHealthResultInput
    {
        /// <summary>The result, or null when <paramref name="input"/> has no <c>Check</c> and <c>Status</c>.</summary>
        public static AmiHealthResult? Read(PSObject input)
        {
            if (input.BaseObject is AmiHealthResult result)
            {
                return result;
            }

            var check = Text(input, nameof(AmiHealthResult.Check));
            if (check is null || !TryStatus(input.Properties[nameof(AmiHealthResult.Status)]?.Value, out var status))
            {
                return null;
            }

            var time = Value(input, nameof(AmiHealthResult.Time));
            return new AmiHealthResult(Text(input, nameof(AmiHealthResult.ComputerName)) ?? string.Empty, check, Text(input, nameof(AmiHealthResult.Target)), status, Text(input, nameof(AmiHealthResult.Message)) ?? string.Empty)
            {
                Value = Number(input, nameof(AmiHealthResult.Value)),
                Unit = Text(input, nameof(AmiHealthResult.Unit)) ?? string.Empty,
                Warning = Number(input, nameof(AmiHealthResult.Warning)),
                Critical = Number(input, nameof(AmiHealthResult.Critical)),
                Measures = Measures(input),
                Time = LanguagePrimitives.TryConvertTo(time, CultureInfo.InvariantCulture, out DateTimeOffset when) ? when : DateTimeOffset.Now,
            };
        }

        // A job or remoting keeps the list but turns each measure into its text (deeper than the serialization depth);
        // ConvertFrom-Json and Import-Clixml give property bags. Either reads back; anything else is left out.
        private static AmiHealthMeasure[] Measures(PSObject input)
        {
            if (Value(input, nameof(AmiHealthResult.Measures)) is not System.Collections.IEnumerable items || items is string)
            {
                return Array.Empty<AmiHealthMeasure>();
            }

            var measures = new System.Collections.Generic.List<AmiHealthMeasure>();
            foreach (var item in items)
            {
                var bag = item as PSObject ?? (item is null ? null : PSObject.AsPSObject(item));
                if (bag?.BaseObject is AmiHealthMeasure live)
                {
                    measures.Add(live);
                }
                else if (bag?.BaseObject is string text)
                {
                    if (AmiHealthMeasure.TryParse(text, out var parsed))
                    {
                        measures.Add(parsed!);
                    }
                }
                else if (bag is not null && Text(bag, nameof(AmiHealthMeasure.Name)) is { Length: > 0 } name && Number(bag, nameof(AmiHealthMeasure.Value)) is { } value)
                {
                    measures.Add(new AmiHealthMeasure(name, value, Text(bag, nameof(AmiHealthMeasure.Unit)), Number(bag, nameof(AmiHealthMeasure.Warning)), Number(bag, nameof(AmiHealthMeasure.Critical))));
                }
            }

            return measures.ToArray();
        }

        private static object? Value(PSObject input, string name) => input.Properties[name]?.Value is { } value && value is PSObject wrapped ? wrapped.BaseObject : input.Properties[name]?.Value;

        private static string? Text(PSObject input, string name) => Value(input, name)?.ToString();

        private static double? Number(PSObject input, string name) =>
            Value(input, name) is { } value && LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double number) ? number : null;

        // A live enum, its name (after ConvertFrom-Json), or its number (a deserialized enum keeps its ToString as the name).
        private static bool TryStatus(object? value, out AmiHealthStatus status)
        {
            var text = (value is PSObject wrapped ? wrapped.ToString() : value?.ToString()) ?? string.Empty;
            return Enum.TryParse(text, true, out status) && Enum.IsDefined(typeof(AmiHealthStatus), status);
        }
    }
}
