using System;
using System.Collections;
using System.Collections.Generic;

namespace AmiPs.Protocol
{
    /// <summary>
    /// One AMI message: its fields in the order received, duplicates kept (<c>Output</c>, <c>Variable</c>,
    /// the second <c>ActionID</c> of <c>Status</c> items), empty values kept. Look-ups ignore case and return
    /// the first occurrence. Immutable.
    /// </summary>
    public sealed class AmiMessage : IReadOnlyList<AmiField>
    {
        private readonly AmiField[] _fields;

        public AmiMessage(IEnumerable<AmiField> fields)
        {
            if (fields is null)
            {
                throw new ArgumentNullException(nameof(fields));
            }

            _fields = new List<AmiField>(fields).ToArray();
        }

        /// <summary>Takes ownership of <paramref name="fields"/>: the parser hands over an exact-size array.</summary>
        internal AmiMessage(AmiField[] fields, bool owned)
        {
            _ = owned;
            _fields = fields;
        }

        public int Count => _fields.Length;

        public AmiField this[int index] => _fields[index];

        /// <summary>The first value of <paramref name="key"/> (case-insensitive), or null when absent.</summary>
        public string? this[string key] => TryGetValue(key, out var value) ? value : null;

        public AmiMessageKind Kind
        {
            get
            {
                if (_fields.Length == 0)
                {
                    return AmiMessageKind.Other;
                }

                var first = _fields[0].Key;
                if (string.Equals(first, "Event", StringComparison.OrdinalIgnoreCase))
                {
                    return AmiMessageKind.Event;
                }

                return string.Equals(first, "Response", StringComparison.OrdinalIgnoreCase) ? AmiMessageKind.Response : AmiMessageKind.Other;
            }
        }

        /// <summary>The value of the first line: the event name, the response status or the action name.</summary>
        public string Name => _fields.Length == 0 ? string.Empty : _fields[0].Value;

        public string? ActionId => this["ActionID"];

        public bool TryGetValue(string key, out string value)
        {
            var fields = _fields;
            for (var i = 0; i < fields.Length; i++)
            {
                if (string.Equals(fields[i].Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = fields[i].Value;
                    return true;
                }
            }

            value = string.Empty;
            return false;
        }

        /// <summary>Every value of a repeated key, in order.</summary>
        public IReadOnlyList<string> GetValues(string key)
        {
            var values = new List<string>();
            foreach (var field in _fields)
            {
                if (string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(field.Value);
                }
            }

            return values;
        }

        public IEnumerator<AmiField> GetEnumerator() => ((IEnumerable<AmiField>)_fields).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _fields.GetEnumerator();

        public override string ToString() => Count == 0 ? "(empty)" : $"{_fields[0].Key}: {Name} ({Count} fields)";
    }
}
