using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace AmiPs.Protocol
{
    /// <summary>
    /// Frames the bytes an AMI peer sends into messages: the banner line first, then <c>Key: Value</c> lines
    /// closed by an empty line. Works over a <see cref="ReadOnlySequence{T}"/> that may end anywhere: whole lines
    /// are consumed (and kept in the message being built), a partial line is left in the buffer for the next call.
    /// </summary>
    /// <remarks>
    /// Lines end at CRLF. A bare LF inside a value is kept and trimmed (<c>Message: Park successful\n\r\n</c>), so a
    /// stray LF never splits a message; only a peer whose banner ends with a bare LF is framed on LF alone.
    /// A line longer than <see cref="MaxLineLength"/> or a message longer than <see cref="MaxMessageLength"/> is
    /// reported through the error callback and dropped up to the next empty line: memory stays bounded.
    /// One instance per connection; not thread-safe.
    /// </remarks>
    internal sealed class AmiFrameParser
    {
        public const int DefaultMaxLineLength = 64 * 1024;
        public const int DefaultMaxMessageLength = 1024 * 1024;

        private static readonly byte[] EndCommand = AmiText.Encoding.GetBytes("--END COMMAND--");

        private readonly Action<AmiProtocolError>? _onError;
        private readonly AmiKeyTable _keys = new AmiKeyTable();
        private readonly AmiValueCache _values = new AmiValueCache();
        private readonly AmiShapeTable _shapes = new AmiShapeTable();

        // The message being built: its keys and values, and the running hash of its keys that finds its shape.
        private string[] _lineKeys = new string[32];
        private string[] _lineValues = new string[32];
        private int _fieldCount;
        private int _shapeHash;
        private long _messageLength;
        private bool _lineFeedOnly;
        private bool _skipLine;
        private bool _skipMessage;
        private bool _followsBody;
        private byte[] _scratch = new byte[1024];

        // The lines of the message being built, as received and joined by CRLF, kept only when KeepRawMessage is set:
        // the session's history stores events as these bytes rather than as objects that would live long enough to be
        // copied by every garbage collection.
        private byte[] _raw = Array.Empty<byte>();
        private int _rawLength;
        private int _lastRawLength;

        public AmiFrameParser(int maxLineLength = DefaultMaxLineLength, int maxMessageLength = DefaultMaxMessageLength, Action<AmiProtocolError>? onError = null)
        {
            if (maxLineLength < 64)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineLength), maxLineLength, "The line limit must be at least 64 bytes.");
            }

            if (maxMessageLength < maxLineLength)
            {
                throw new ArgumentOutOfRangeException(nameof(maxMessageLength), maxMessageLength, "The message limit must be at least the line limit.");
            }

            MaxLineLength = maxLineLength;
            MaxMessageLength = maxMessageLength;
            _onError = onError;
        }

        public int MaxLineLength { get; }

        public int MaxMessageLength { get; }

        /// <summary>
        /// Whether to keep the bytes of each message (<see cref="LastRawMessage"/>). Off by default: it costs a copy of
        /// every line.
        /// </summary>
        internal bool KeepRawMessage { get; set; }

        /// <summary>
        /// The message last returned by <see cref="TryReadMessage"/> as received: its lines joined by CRLF, then the empty
        /// line; a fresh parser reads it back into the same message. Empty unless <see cref="KeepRawMessage"/> is set;
        /// valid until the next call.
        /// </summary>
        internal ReadOnlySpan<byte> LastRawMessage => new ReadOnlySpan<byte>(_raw, 0, _lastRawLength);

        /// <summary>The shapes shared between messages (for tests: it must stay bounded).</summary>
        internal AmiShapeTable Shapes => _shapes;

        /// <summary>Protocol errors seen so far (lines or messages dropped, malformed lines kept).</summary>
        public long ErrorCount { get; private set; }

        /// <summary>
        /// Reads the banner line (<c>Asterisk Call Manager/13.0.0</c>). Returns false and consumes nothing
        /// until the whole line is there.
        /// </summary>
        public bool TryReadBanner(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out string? banner)
        {
            var end = buffer.PositionOf((byte)'\n');
            if (end is null)
            {
                if (buffer.Length > MaxLineLength)
                {
                    throw new AmiProtocolException($"The peer sent more than {MaxLineLength} bytes without a banner line; it is not an AMI server.");
                }

                banner = null;
                return false;
            }

            var line = buffer.Slice(0, end.Value).ToArray();
            _lineFeedOnly = line.Length == 0 || line[line.Length - 1] != (byte)'\r';
            banner = AmiText.Decode(Trim(line));
            buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
            return true;
        }

        /// <summary>
        /// Reads the next whole message. Returns false when the buffer holds no more whole messages; the lines of
        /// a partial message are consumed and remembered, so <paramref name="buffer"/> keeps only a partial line.
        /// </summary>
        /// <remarks>
        /// The hot loop walks the current segment as a span and slices the sequence once per message (or once per
        /// segment), not once per line: slicing a <see cref="ReadOnlySequence{T}"/> costs more than finding the line.
        /// </remarks>
        public bool TryReadMessage(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out AmiMessage? message)
        {
            var remaining = buffer;
            try
            {
                while (true)
                {
                    var span = remaining.First.Span;
                    var consumed = 0;
                    while (TryReadLineInSpan(span, ref consumed, out var line))
                    {
                        if (ProcessLine(line, line.Length, out message))
                        {
                            remaining = remaining.Slice(consumed);
                            return true;
                        }
                    }

                    if (consumed > 0)
                    {
                        remaining = remaining.Slice(consumed);
                        if (consumed == span.Length)
                        {
                            continue; // the segment ended with a whole line: go on in the next one
                        }
                    }

                    // The rest of this segment holds no whole line: the line crosses into the next segment (rare).
                    if (remaining.IsSingleSegment || !TryReadLineAcrossSegments(ref remaining, out var crossing, out var crossingLength))
                    {
                        break;
                    }

                    if (ProcessLine(crossing, crossingLength, out message))
                    {
                        return true;
                    }
                }

                if (remaining.Length > MaxLineLength)
                {
                    // No line end in sight: drop what we have so memory stays bounded, and the rest of the line after it.
                    // A line already being skipped is not reported again at every read (a 10 MB line is one error).
                    if (!_skipLine)
                    {
                        Fail(AmiProtocolErrorKind.LineTooLong, $"A line exceeded the limit of {MaxLineLength} bytes before its end; the message was dropped.");
                    }

                    remaining = remaining.Slice(remaining.End);
                    _skipLine = true;
                }

                message = null;
                return false;
            }
            finally
            {
                buffer = remaining;
            }
        }

        /// <summary>Forgets a partial message, as after a reconnect.</summary>
        public void Reset()
        {
            Array.Clear(_lineKeys, 0, _fieldCount);
            Array.Clear(_lineValues, 0, _fieldCount);
            _fieldCount = 0;
            _shapeHash = 0;
            _messageLength = 0;
            _rawLength = 0;
            _skipLine = false;
            _skipMessage = false;
            _followsBody = false;
        }

        /// <summary>
        /// Finds the next line end (CRLF, or LF for an LF-only peer) in <paramref name="span"/> from
        /// <paramref name="consumed"/>, and moves <paramref name="consumed"/> past it. A bare LF inside a value does not end the line.
        /// </summary>
        private bool TryReadLineInSpan(ReadOnlySpan<byte> span, ref int consumed, out ReadOnlySpan<byte> line)
        {
            var from = consumed;
            while (true)
            {
                var lf = span.Slice(from).IndexOf((byte)'\n');
                if (lf < 0)
                {
                    line = default;
                    return false;
                }

                lf += from;
                var crlf = lf > consumed && span[lf - 1] == (byte)'\r';
                if (crlf || _lineFeedOnly)
                {
                    line = span.Slice(consumed, (crlf ? lf - 1 : lf) - consumed);
                    consumed = lf + 1;
                    return true;
                }

                from = lf + 1;
            }
        }

        /// <summary>Takes one line into the message being built; true when it was the empty line that ends a message.</summary>
        private bool ProcessLine(ReadOnlySpan<byte> line, long lineLength, [NotNullWhen(true)] out AmiMessage? message)
        {
            message = null;
            if (_skipLine)
            {
                // The tail of a line already reported as too long.
                _skipLine = false;
                return false;
            }

            if (lineLength == 0)
            {
                if (_skipMessage)
                {
                    _skipMessage = false;
                    return false;
                }

                if (_fieldCount == 0)
                {
                    return false; // stray blank line between messages
                }

                message = TakeMessage();
                return true;
            }

            if (_skipMessage)
            {
                return false;
            }

            if (lineLength > MaxLineLength)
            {
                Fail(AmiProtocolErrorKind.LineTooLong, $"A line of {lineLength} bytes exceeds the limit of {MaxLineLength}; the message was dropped.");
                return false;
            }

            _messageLength += line.Length + 2;
            if (_messageLength > MaxMessageLength)
            {
                Fail(AmiProtocolErrorKind.MessageTooLong, $"A message exceeded the limit of {MaxMessageLength} bytes; it was dropped.");
                return false;
            }

            if (KeepRawMessage)
            {
                KeepRawLine(line);
            }

            AddLine(line);
            return false;
        }

        private void KeepRawLine(ReadOnlySpan<byte> line)
        {
            if (_rawLength == 0 && _raw.Length > 64 * 1024)
            {
                _raw = new byte[4 * 1024]; // as with the fields: one huge message must not pin a huge buffer
            }

            EnsureRawRoom(line.Length + 2);
            line.CopyTo(new Span<byte>(_raw, _rawLength, line.Length));
            _rawLength += line.Length;
            _raw[_rawLength++] = (byte)'\r';
            _raw[_rawLength++] = (byte)'\n';
        }

        private void EnsureRawRoom(int bytes)
        {
            if (_raw.Length - _rawLength < bytes)
            {
                Array.Resize(ref _raw, Math.Max(_rawLength + bytes, Math.Max(1024, _raw.Length * 2)));
            }
        }

        private bool TryReadLineAcrossSegments(ref ReadOnlySequence<byte> remaining, out ReadOnlySpan<byte> line, out long length)
        {
            var searched = remaining;
            while (true)
            {
                var lf = searched.PositionOf((byte)'\n');
                if (lf is null)
                {
                    line = default;
                    length = 0;
                    return false;
                }

                var upToLf = remaining.Slice(0, lf.Value);
                var crlf = upToLf.Length > 0 && LastByte(upToLf) == (byte)'\r';
                if (crlf || _lineFeedOnly)
                {
                    var content = crlf ? upToLf.Slice(0, upToLf.Length - 1) : upToLf;
                    length = content.Length;
                    line = length > MaxLineLength ? default : CopyToScratch(content);
                    remaining = remaining.Slice(remaining.GetPosition(1, lf.Value));
                    return true;
                }

                searched = remaining.Slice(remaining.GetPosition(1, lf.Value));
            }
        }

        private static byte LastByte(in ReadOnlySequence<byte> sequence) => sequence.Slice(sequence.Length - 1).First.Span[0];

        private ReadOnlySpan<byte> CopyToScratch(ReadOnlySequence<byte> content)
        {
            if (_scratch.Length < content.Length)
            {
                _scratch = new byte[Math.Max((int)content.Length, _scratch.Length * 2)];
            }

            content.CopyTo(_scratch);
            return new ReadOnlySpan<byte>(_scratch, 0, (int)content.Length);
        }

        private void AddLine(ReadOnlySpan<byte> line)
        {
            if (_followsBody || (IsFollowsResponse() && IsRawOutput(line)))
            {
                AddRawOutput(line);
                return;
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0 && _fieldCount == 0)
            {
                // A message starts with its Response/Event line; stray text there (a repeated banner) would hide
                // that line from the correlator and lose the message.
                Report(AmiProtocolErrorKind.MalformedLine, "A line without ':' before a message was dropped.");
                return;
            }

            if (colon < 0)
            {
                Report(AmiProtocolErrorKind.MalformedLine, "A line without ':' was kept as a field with an empty key.");
                Append(string.Empty, 0, AmiText.Decode(Trim(line)));
                return;
            }

            var key = _keys.GetString(TrimEnd(line.Slice(0, colon)), out var cacheValue, out var keyHash);
            var value = Trim(line.Slice(colon + 1));
            Append(key, keyHash, value.IsEmpty ? string.Empty : cacheValue ? _values.GetString(value) : AmiText.Decode(value));
        }

        // Asterisk before 14 answered Command with "Response: Follows" and raw text ending in "--END COMMAND--".
        private bool IsFollowsResponse() =>
            _fieldCount > 0 && _lineKeys[0] == "Response" && string.Equals(_lineValues[0], "Follows", StringComparison.OrdinalIgnoreCase);

        private static bool IsRawOutput(ReadOnlySpan<byte> line) =>
            line.IndexOf((byte)':') < 0 || line.IndexOf((byte)'\n') >= 0 || TrimEnd(line).EndsWith(EndCommand);

        private void AddRawOutput(ReadOnlySpan<byte> line)
        {
            _followsBody = true;
            var body = TrimEnd(line);
            if (body.EndsWith(EndCommand))
            {
                body = body.Slice(0, body.Length - EndCommand.Length);
            }

            while (!body.IsEmpty)
            {
                var lf = body.IndexOf((byte)'\n');
                var part = lf < 0 ? body : body.Slice(0, lf);
                Append("Output", 0, AmiText.Decode(TrimEnd(part)));
                body = lf < 0 ? ReadOnlySpan<byte>.Empty : body.Slice(lf + 1);
            }
        }

        // keyHash: the hash of the key's bytes from the key table; any constant for keys that do not come from it.
        private void Append(string key, int keyHash, string value)
        {
            if (_fieldCount == _lineKeys.Length)
            {
                Array.Resize(ref _lineKeys, _lineKeys.Length * 2);
                Array.Resize(ref _lineValues, _lineValues.Length * 2);
            }

            _lineKeys[_fieldCount] = key;
            _lineValues[_fieldCount] = value;
            _fieldCount++;
            _shapeHash = AmiShapeTable.AddKey(_shapeHash, keyHash);
        }

        private AmiMessage TakeMessage()
        {
            var keys = new ReadOnlySpan<string>(_lineKeys, 0, _fieldCount);

            // Raw command output has as many Output lines as the command printed: a shape that will not come again.
            var shape = _followsBody ? new AmiShape(keys.ToArray()) : _shapes.Get(keys, _shapeHash);
            var values = new string[_fieldCount];
            Array.Copy(_lineValues, values, _fieldCount);
            Array.Clear(_lineKeys, 0, _fieldCount);
            Array.Clear(_lineValues, 0, _fieldCount);
            if (_lineKeys.Length > 256)
            {
                // a huge message must not pin huge scratch arrays
                _lineKeys = new string[32];
                _lineValues = new string[32];
            }

            _lastRawLength = 0;
            if (KeepRawMessage)
            {
                EnsureRawRoom(2);
                _raw[_rawLength++] = (byte)'\r';
                _raw[_rawLength++] = (byte)'\n';
                _lastRawLength = _rawLength;
                _rawLength = 0;
            }

            _fieldCount = 0;
            _shapeHash = 0;
            _messageLength = 0;
            _followsBody = false;
            return new AmiMessage(shape, values);
        }

        private void Fail(AmiProtocolErrorKind kind, string text)
        {
            Reset();
            _skipMessage = true;
            Report(kind, text);
        }

        private void Report(AmiProtocolErrorKind kind, string text)
        {
            ErrorCount++;
            _onError?.Invoke(new AmiProtocolError(kind, text));
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
        {
            var start = 0;
            while (start < span.Length && (span[start] == (byte)' ' || span[start] == (byte)'\t'))
            {
                start++;
            }

            return TrimEnd(span.Slice(start));
        }

        private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> span)
        {
            var end = span.Length;
            while (end > 0 && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                end--;
            }

            return span.Slice(0, end);
        }
    }
}
