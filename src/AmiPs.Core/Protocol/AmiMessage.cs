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
        private const string ActionIdKey = "ActionID";

        private readonly AmiField[] _fields;

        // Where the first ActionID is (-1: none). Every message is asked for it once (is it a reply?), and nearly
        // every live event has none, so the parser notes it as it goes instead of a scan of all fields per message.
        private readonly int _actionIdIndex;

        public AmiMessage(IEnumerable<AmiField> fields)
        {
            if (fields is null)
            {
                throw new ArgumentNullException(nameof(fields));
            }

            _fields = new List<AmiField>(fields).ToArray();
            _actionIdIndex = IndexOf(_fields, ActionIdKey);
        }

        /// <summary>Takes ownership of <paramref name="fields"/>: the parser hands over an exact-size array and where the first ActionID is.</summary>
        internal AmiMessage(AmiField[] fields, int actionIdIndex)
        {
            _fields = fields;
            _actionIdIndex = actionIdIndex;
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

        public string? ActionId => _actionIdIndex < 0 ? null : _fields[_actionIdIndex].Value;

        /// <summary>Whether <paramref name="key"/> is <c>ActionID</c> in any case; the parser asks it of every key, so it is cheap.</summary>
        internal static bool IsActionIdKey(string key) =>
            key.Length == ActionIdKey.Length && ((object)key == ActionIdKey || string.Equals(key, ActionIdKey, StringComparison.OrdinalIgnoreCase));

        public bool TryGetValue(string key, out string value)
        {
            var index = IndexOf(_fields, key);
            value = index < 0 ? string.Empty : _fields[index].Value;
            return index >= 0;
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

        private static int IndexOf(AmiField[] fields, string key)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (string.Equals(fields[i].Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        public override string ToString() => Count == 0 ? "(empty)" : $"{_fields[0].Key}: {Name} ({Count} fields)";
    }
}
