using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;

namespace AmiPs.Protocol
{
    /// <summary>
    /// One AMI message: its fields in the order received, duplicates kept (<c>Output</c>, <c>Variable</c>,
    /// the second <c>ActionID</c> of <c>Status</c> items), empty values kept. Look-ups ignore case and return
    /// the first occurrence. Immutable.
    /// </summary>
    public sealed class AmiMessage : IReadOnlyList<AmiField>
    {
        // The keys live in a shape that the parser shares between messages with the same keys in the same order (most
        // events of one type), so a message holds one reference and its values: 24 + 8 bytes a field, not 24 + 16.
        private readonly AmiShape _shape;
        private readonly string[] _values;

        public AmiMessage(IEnumerable<AmiField> fields)
        {
            if (fields is null)
            {
                throw new ArgumentNullException(nameof(fields));
            }

            var list = new List<AmiField>(fields);
            var keys = new string[list.Count];
            _values = new string[list.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                // A default AmiField has null key and value; every other AmiField turns null into empty already.
                keys[i] = list[i].Key ?? string.Empty;
                _values[i] = list[i].Value ?? string.Empty;
            }

            _shape = new AmiShape(keys);
        }

        /// <summary>Takes ownership of <paramref name="values"/>: the parser hands over an exact-size array, one value for each key of <paramref name="shape"/>.</summary>
        internal AmiMessage(AmiShape shape, string[] values)
        {
            Debug.Assert(shape.Keys.Length == values.Length, "one value per key");
            _shape = shape;
            _values = values;
        }

        public int Count => _values.Length;

        public AmiField this[int index] => new AmiField(_shape.Keys[index], _values[index]);

        /// <summary>The first value of <paramref name="key"/> (case-insensitive), or null when absent.</summary>
        public string? this[string key] => TryGetValue(key, out var value) ? value : null;

        public AmiMessageKind Kind => _shape.Kind;

        /// <summary>The value of the first line: the event name, the response status or the action name.</summary>
        public string Name => _values.Length == 0 ? string.Empty : _values[0];

        public string? ActionId => _shape.ActionIdIndex < 0 ? null : _values[_shape.ActionIdIndex];

        /// <summary>The keys, shared with other messages of the same shape when the parser made this one.</summary>
        internal AmiShape Shape => _shape;

        public bool TryGetValue(string key, out string value)
        {
            var index = _shape.IndexOf(key);
            value = index < 0 ? string.Empty : _values[index];
            return index >= 0;
        }

        /// <summary>Every value of a repeated key, in order.</summary>
        public IReadOnlyList<string> GetValues(string key)
        {
            var values = new List<string>();
            var keys = _shape.Keys;
            for (var i = 0; i < keys.Length; i++)
            {
                if (string.Equals(keys[i], key, StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(_values[i]);
                }
            }

            return values;
        }

        public IEnumerator<AmiField> GetEnumerator() => new Enumerator(this);

        IEnumerator IEnumerable.GetEnumerator() => new Enumerator(this);

        public override string ToString() => Count == 0 ? "(empty)" : $"{_shape.Keys[0]}: {Name} ({Count} fields)";

        private sealed class Enumerator : IEnumerator<AmiField>
        {
            private readonly AmiMessage _message;
            private int _index = -1;

            public Enumerator(AmiMessage message) => _message = message;

            public AmiField Current => _index >= 0 && _index < _message.Count
                ? _message[_index]
                : throw new InvalidOperationException("The enumeration has not started or has finished.");

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (_index < _message.Count)
                {
                    _index++;
                }

                return _index < _message.Count;
            }

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }
}
