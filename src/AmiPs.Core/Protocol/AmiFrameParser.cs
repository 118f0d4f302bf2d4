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

        // Sets of event names remembered with the keys their last messages had (a power of two), two in each set: a
        // name whose events come in two shapes (a field sent only in some states, two PBX versions) keeps both.
        private const int Predictions = 64;
        private const string EventKey = "Event";

        private readonly Action<AmiProtocolError>? _onError;
        private readonly AmiKeyTable _keys = new AmiKeyTable();
        private readonly AmiValueCache _values = new AmiValueCache();
        private readonly AmiShapeTable _shapes = new AmiShapeTable();

        // The message being built: its keys and values, and the running hash of its keys that finds its shape.
        private string[] _lineKeys = new string[32];
        private string[] _lineValues = new string[32];
        private int[] _lineSlots = new int[32];
        private int _fieldCount;

        // Events of one name mostly carry the same keys in the same order: after the Event line, the keys the last
        // event of that name had are expected, and a line that starts with the expected key and a colon takes it from
        // the key table without searching for the colon, hashing the key or probing the table. The first line that
        // does not ends the guess for the rest of the message; an event whose every key was as expected has its shape.
        // Each remembered name with the shape of its last event; the shape knows its keys' slots (AmiShape.KeySlots).
        private readonly string?[] _predictedNames = new string?[Predictions * 2];
        private readonly AmiShape?[] _predictedShapes = new AmiShape?[Predictions * 2];
        private AmiShape? _predicted;
        private AmiShape? _alternate;
        private int _predictionSet;
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
        private ReadOnlyMemory<byte> _lastRaw;

        // The last of those lines that are still only in the caller's buffer: a run [_runStart, _runEnd) of whole CRLF
        // lines of _segment, the segment being read (-1: none). Most messages arrive within one segment, where these are
        // exactly the bytes received, so LastRawMessage points into the buffer instead of copying every line; the run is
        // copied to _raw when the message goes on past the segment.
        private ReadOnlyMemory<byte> _segment;
        private int _runStart = -1;
        private int _runEnd;

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
        /// valid until the next call, and only while the buffer it was read from is (it may point into that buffer).
        /// </summary>
        internal ReadOnlySpan<byte> LastRawMessage => _lastRaw.Span;

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
                    _segment = remaining.First;
                    var span = _segment.Span;
                    var consumed = 0;
                    var lineStart = 0;
                    while (TryReadLineInSpan(span, ref consumed, out var line))
                    {
                        // Where the line's bytes lie in the segment when they are the line and its CRLF (-1 otherwise).
                        var at = consumed - lineStart == line.Length + 2 ? lineStart : -1;
                        if (ProcessLine(line, line.Length, at, out message))
                        {
                            remaining = remaining.Slice(consumed);
                            return true;
                        }

                        lineStart = consumed;
                    }

                    if (_runStart >= 0)
                    {
                        CopyRun(); // the message goes on past this segment, which the caller may release
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

                    if (ProcessLine(crossing, crossingLength, -1, out message))
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
            _predicted = null;
            _alternate = null;
            _messageLength = 0;
            _rawLength = 0;
            _runStart = -1;
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
        // at: where the line and its CRLF lie in _segment; -1 when they do not (a line copied from across segments, or
        // one ended by a bare LF).
        private bool ProcessLine(ReadOnlySpan<byte> line, long lineLength, int at, [NotNullWhen(true)] out AmiMessage? message)
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

                message = TakeMessage(at);
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
                KeepRawLine(line, at);
            }

            AddLine(line);
            return false;
        }

        private void KeepRawLine(ReadOnlySpan<byte> line, int at)
        {
            if (at >= 0 && (_runStart < 0 || _runEnd == at))
            {
                // The line follows the run in the buffer: it is kept by moving the run's end, not by a copy.
                if (_runStart < 0)
                {
                    _runStart = at;
                }

                _runEnd = at + line.Length + 2;
                return;
            }

            if (_runStart >= 0)
            {
                CopyRun();
            }

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

        /// <summary>Copies the run of kept lines from the buffer to <see cref="_raw"/>, after the lines kept there already.</summary>
        private void CopyRun()
        {
            var run = _segment.Span.Slice(_runStart, _runEnd - _runStart);
            if (_rawLength == 0 && _raw.Length > 64 * 1024)
            {
                _raw = new byte[4 * 1024]; // as in KeepRawLine
            }

            EnsureRawRoom(run.Length);
            run.CopyTo(new Span<byte>(_raw, _rawLength, run.Length));
            _rawLength += run.Length;
            _runStart = -1;
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

            if (_predicted is not null && TryAddExpectedLine(line))
            {
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
                Append(string.Empty, 0, -1, AmiText.Decode(Trim(line)));
                return;
            }

            var key = _keys.GetString(TrimEnd(line.Slice(0, colon)), out var cacheValue, out var keyHash, out var slot);
            var value = Trim(line.Slice(colon + 1));
            Append(key, keyHash, slot, DecodeValue(value, cacheValue));
            if (_fieldCount == 1 && (object)key == EventKey && slot >= 0)
            {
                Predict(value);
            }
        }

        private string DecodeValue(ReadOnlySpan<byte> value, bool cacheValue) =>
            value.IsEmpty ? string.Empty : cacheValue ? _values.GetString(value) : AmiText.Decode(value);

        /// <summary>After the Event line: expects the keys the last event of that name had, if one came (and the keys of the one before, if they differed).</summary>
        private void Predict(ReadOnlySpan<byte> nameBytes)
        {
            _predictionSet = (AmiHash.Of(nameBytes) & (Predictions - 1)) * 2;
            var name = _lineValues[0];
            _predicted = _predictedNames[_predictionSet] == name ? _predictedShapes[_predictionSet] : null;
            _alternate = _predictedNames[_predictionSet + 1] == name ? _predictedShapes[_predictionSet + 1] : null;
            if (_predicted is null)
            {
                _predicted = _alternate;
                _alternate = null;
            }
        }

        /// <summary>
        /// Takes the line with the key expected at this position when it starts with that key's bytes and a colon: the
        /// key the table gives for those bytes, so the same field as the full path; false (and no more guesses for this
        /// message) otherwise.
        /// </summary>
        private bool TryAddExpectedLine(ReadOnlySpan<byte> line)
        {
            while (true)
            {
                var slots = _predicted!.KeySlots!;
                if (_fieldCount < slots.Length)
                {
                    var slot = slots[_fieldCount];
                    var key = _keys.BytesAt(slot);
                    if (line.Length > key.Length && line[key.Length] == (byte)':' && line.Slice(0, key.Length).SequenceEqual(key))
                    {
                        Append(_keys.StringAt(slot), _keys.HashAt(slot), slot, DecodeValue(Trim(line.Slice(key.Length + 1)), _keys.CacheValueAt(slot)));
                        return true;
                    }
                }

                // The name's other keys, if they agree with the lines so far, may expect this one.
                _predicted = TakeAlternate(_fieldCount + 1);
                if (_predicted is null)
                {
                    return false;
                }
            }
        }

        /// <summary>The other keys remembered for this event's name when they have at least <paramref name="count"/> keys and begin with the lines so far; null otherwise (and from then on).</summary>
        private AmiShape? TakeAlternate(int count)
        {
            var other = _alternate;
            _alternate = null;
            return other is not null && other.KeySlots!.Length >= count && new ReadOnlySpan<int>(other.KeySlots, 0, _fieldCount).SequenceEqual(new ReadOnlySpan<int>(_lineSlots, 0, _fieldCount))
                ? other
                : null;
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
                Append("Output", 0, -1, AmiText.Decode(TrimEnd(part)));
                body = lf < 0 ? ReadOnlySpan<byte>.Empty : body.Slice(lf + 1);
            }
        }

        // keyHash: the hash of the key's bytes from the key table; any constant for keys that do not come from it.
        // slot: where the key table keeps the key; -1 for keys it does not.
        private void Append(string key, int keyHash, int slot, string value)
        {
            if (_fieldCount == _lineKeys.Length)
            {
                Array.Resize(ref _lineKeys, _lineKeys.Length * 2);
                Array.Resize(ref _lineValues, _lineValues.Length * 2);
                Array.Resize(ref _lineSlots, _lineSlots.Length * 2);
            }

            _lineKeys[_fieldCount] = key;
            _lineValues[_fieldCount] = value;
            _lineSlots[_fieldCount] = slot;
            _fieldCount++;
            _shapeHash = AmiShapeTable.AddKey(_shapeHash, keyHash);
        }

        // at: where the empty line and its CRLF lie in the segment (-1: they do not).
        private AmiMessage TakeMessage(int at)
        {
            var keys = new ReadOnlySpan<string>(_lineKeys, 0, _fieldCount);

            // Raw command output has as many Output lines as the command printed: a shape that will not come again.
            AmiShape shape;
            if (_followsBody)
            {
                shape = new AmiShape(keys.ToArray());
            }
            else if (ExpectedAll() is { } expected)
            {
                shape = expected; // every key was the expected one
                if (_predictedShapes[_predictionSet + 1] == expected && _predictedNames[_predictionSet + 1] == _lineValues[0])
                {
                    // the name's most recent keys first
                    RememberFirst(_lineValues[0], expected);
                }
            }
            else
            {
                shape = _shapes.Get(keys, _shapeHash);
                RememberKeys(shape);
            }

            _predicted = null;
            _alternate = null;
            var values = new string[_fieldCount];
            Array.Copy(_lineValues, values, _fieldCount);
            Array.Clear(_lineKeys, 0, _fieldCount);
            Array.Clear(_lineValues, 0, _fieldCount);
            if (_lineKeys.Length > 256)
            {
                // a huge message must not pin huge scratch arrays
                _lineKeys = new string[32];
                _lineValues = new string[32];
                _lineSlots = new int[32];
            }

            _lastRaw = default;
            if (KeepRawMessage)
            {
                KeepRawEnd(at);
            }

            _fieldCount = 0;
            _shapeHash = 0;
            _messageLength = 0;
            _followsBody = false;
            return new AmiMessage(shape, values);
        }

        /// <summary>At the end of an event: the expected keys that were exactly its keys, if any.</summary>
        private AmiShape? ExpectedAll()
        {
            if (_predicted is null)
            {
                return null;
            }

            if (_predicted.KeySlots!.Length == _fieldCount)
            {
                return _predicted;
            }

            var other = TakeAlternate(_fieldCount);
            return other is not null && other.KeySlots!.Length == _fieldCount ? other : null;
        }

        /// <summary>After an event whose keys were not the expected ones: expects them for the next event of its name.</summary>
        private void RememberKeys(AmiShape shape)
        {
            if (_fieldCount == 0 || (object)_lineKeys[0] != EventKey || _lineSlots[0] < 0 || _fieldCount > AmiShapeTable.MaxKeys)
            {
                return;
            }

            if (shape.KeySlots is null)
            {
                // Once per shape: a name whose events keep changing shape costs no allocation per event.
                var slots = new int[_fieldCount];
                for (var i = 0; i < slots.Length; i++)
                {
                    if (_lineSlots[i] < 0)
                    {
                        return; // a key the table does not keep cannot be expected
                    }

                    slots[i] = _lineSlots[i];
                }

                shape.KeySlots = slots;
            }

            RememberFirst(_lineValues[0], shape);
        }

        /// <summary>Puts the name's shape first in its set (_predictionSet, set by Predict at the Event line); the set's second goes.</summary>
        private void RememberFirst(string name, AmiShape shape)
        {
            _predictedNames[_predictionSet + 1] = _predictedNames[_predictionSet];
            _predictedShapes[_predictionSet + 1] = _predictedShapes[_predictionSet];
            _predictedNames[_predictionSet] = name;
            _predictedShapes[_predictionSet] = shape;
        }

        /// <summary>Ends the kept bytes of the message with its empty line: in the buffer when the whole message is one run there.</summary>
        private void KeepRawEnd(int at)
        {
            if (_runStart >= 0 && _rawLength == 0 && at == _runEnd)
            {
                _lastRaw = _segment.Slice(_runStart, _runEnd + 2 - _runStart);
                _runStart = -1;
                return;
            }

            if (_runStart >= 0)
            {
                CopyRun();
            }

            EnsureRawRoom(2);
            _raw[_rawLength++] = (byte)'\r';
            _raw[_rawLength++] = (byte)'\n';
            _lastRaw = new ReadOnlyMemory<byte>(_raw, 0, _rawLength);
            _rawLength = 0;
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
