using System;
using System.Collections.Generic;

namespace AmiPs.Protocol
{
    /// <summary>
    /// An action to send: its name and its fields in order. Every key and value is checked as it is added, so an
    /// action that exists can always be sent as it is: no CR, LF or NUL (a line break would let a value inject a
    /// second action), no ':' in keys, and within the limits of Asterisk's 1 KiB line buffer and 128 lines.
    /// <c>Action</c> and <c>ActionID</c> are not fields: the name is given here and the session assigns the id.
    /// </summary>
    public sealed class AmiAction
    {
        /// <summary>Longest <c>Key: Value</c> line Asterisk reads whole: its buffer is 1 KiB including CRLF.</summary>
        public const int MaxLineLength = 1022;

        /// <summary>Most lines Asterisk reads in one action, <c>Action</c> and <c>ActionID</c> included.</summary>
        public const int MaxLines = 128;

        private readonly List<AmiField> _fields = new List<AmiField>();

        public AmiAction(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new AmiActionException("Action", "The action name is empty.");
            }

            CheckText("Action", name, isKey: false);
            CheckLength("Action", name);
            Name = name;
        }

        public string Name { get; }

        public IReadOnlyList<AmiField> Fields => _fields;

        /// <summary>The first value of <paramref name="key"/> (case-insensitive), or null.</summary>
        public string? this[string key]
        {
            get
            {
                foreach (var field in _fields)
                {
                    if (string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase))
                    {
                        return field.Value;
                    }
                }

                return null;
            }
        }

        /// <summary>Adds a field (repeat a key to send it several times, as <c>Variable</c>). Throws <see cref="AmiActionException"/> naming the field when it cannot be sent safely.</summary>
        public AmiAction Add(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new AmiActionException(key ?? string.Empty, $"A field of action '{Name}' has an empty key.");
            }

            if (string.Equals(key, "Action", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "ActionID", StringComparison.OrdinalIgnoreCase))
            {
                throw new AmiActionException(key, $"'{key}' is set by AmiPs (the action name and a unique id); do not pass it as a field.");
            }

            CheckText(key, key, isKey: true);
            value ??= string.Empty;
            CheckText(key, value, isKey: false);
            CheckLength(key, key + ": " + value);
            if (_fields.Count + 2 >= MaxLines)
            {
                throw new AmiActionException(key, $"Action '{Name}' would have more than {MaxLines} lines, the most Asterisk reads in one action.");
            }

            _fields.Add(new AmiField(key, value));
            return this;
        }

        public override string ToString() => $"Action: {Name} ({_fields.Count} fields)";

        private static void CheckText(string field, string text, bool isKey)
        {
            foreach (var c in text)
            {
                switch (c)
                {
                    case '\r':
                    case '\n':
                        throw new AmiActionException(field, $"The {(isKey ? "key" : "value")} of field '{Printable(field)}' contains a line break (CR or LF), which would inject a second action. Nothing was sent.");
                    case '\0':
                        throw new AmiActionException(field, $"The {(isKey ? "key" : "value")} of field '{Printable(field)}' contains a NUL character. Nothing was sent.");
                    case ':' when isKey:
                        throw new AmiActionException(field, $"The key '{Printable(field)}' contains ':'; AMI keys end at the first ':'. Nothing was sent.");
                }
            }

            if (isKey && (text.Trim().Length != text.Length))
            {
                throw new AmiActionException(field, $"The key '{Printable(field)}' starts or ends with white space; Asterisk would not recognise it. Nothing was sent.");
            }
        }

        private static void CheckLength(string field, string line)
        {
            var bytes = AmiText.Encoding.GetByteCount(line);
            if (bytes > MaxLineLength)
            {
                throw new AmiActionException(field, $"The line for field '{Printable(field)}' is {bytes} bytes; Asterisk reads at most {MaxLineLength} per line and would answer 'line too long'. Nothing was sent.");
            }
        }

        private static string Printable(string text)
        {
            var shown = text.Length > 40 ? text.Substring(0, 40) + "..." : text;
            return shown.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
        }
    }
}
