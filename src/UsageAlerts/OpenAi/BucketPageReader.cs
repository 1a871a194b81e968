using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace UsageAlerts.OpenAi;

/// <summary>
/// Reads one usage or costs page from the response stream and yields its buckets one at a time, so a page of a
/// huge organization (a month of every project, model and key) is never held whole: at most one bucket's JSON and
/// its parsed results are. The envelope (<c>has_more</c>, <c>next_page</c>) usually follows <c>data</c>, so it is
/// known, and checked, only once every bucket has been read; a bucket is whole and valid before it is yielded, and
/// a page that breaks later fails after the buckets before the break.
/// </summary>
internal sealed class BucketPageReader<T>(Stream body, string endpoint, Func<JsonElement, T?> parseResult)
    where T : class
{
    private const int FirstBufferBytes = 64 * 1024;

    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;
    private Phase _phase;
    private bool _sawData;
    private bool? _hasMore;

    private enum Phase
    {
        Start,
        Envelope,
        Data,
        Done,
    }

    private enum Step
    {
        NeedMore,
        Bucket,
        Done,
    }

    /// <summary>Valid once every bucket has been read.</summary>
    public bool HasMore => _hasMore ?? false;

    public string? NextPage { get; private set; }

    public int Buckets { get; private set; }

    public async IAsyncEnumerable<Bucket<T>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        try
        {
            while (true)
            {
                var step = Next(out var start, out var length);
                if (step == Step.Done)
                {
                    yield break;
                }

                if (step == Step.NeedMore)
                {
                    await FillAsync(cancellationToken);
                    continue;
                }

                Buckets++;
                yield return ParseBucket(start, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private Bucket<T> ParseBucket(int start, int length)
    {
        using var document = JsonDocument.Parse(_buffer.AsMemory(start, length));
        return OpenAiPageParser.ParseBucket(document.RootElement, endpoint, parseResult);
    }

    /// <summary>Moves through the buffered bytes; a bucket found is returned as its place in the buffer.</summary>
    private Step Next(out int bucketStart, out int bucketLength)
    {
        bucketStart = bucketLength = 0;
        try
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            while (true)
            {
                // Each unit (a property with its value, a bucket) is read whole or not at all: when the buffer ends
                // inside one, the reader goes back to where it began and waits for more bytes.
                var unitStart = reader.BytesConsumed;
                var unitState = reader.CurrentState;
                switch (_phase)
                {
                    case Phase.Start:
                        if (!reader.Read())
                        {
                            return NeedMore(unitStart, unitState);
                        }

                        _phase = reader.TokenType == JsonTokenType.StartObject ? Phase.Envelope : throw NoData();
                        break;
                    case Phase.Envelope:
                        if (!reader.Read() || !ReadEnvelopeProperty(ref reader))
                        {
                            return NeedMore(unitStart, unitState);
                        }

                        if (_phase == Phase.Done)
                        {
                            Consumed(ref reader);
                            Finish();
                            return Step.Done;
                        }

                        break;
                    case Phase.Data:
                        if (!reader.Read())
                        {
                            return NeedMore(unitStart, unitState);
                        }

                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _phase = Phase.Envelope;
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw OpenAiPageParser.Malformed(endpoint, "a bucket is not an object");
                        }

                        var tokenStart = reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return NeedMore(unitStart, unitState);
                        }

                        bucketStart = _start + (int)tokenStart;
                        bucketLength = (int)(reader.BytesConsumed - tokenStart);
                        Consumed(ref reader);
                        return Step.Bucket;
                    default:
                        return Step.Done;
                }
            }
        }
        catch (JsonException exception)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Protocol, endpoint, $"malformed response: invalid JSON ({exception.Message})", null, exception);
        }
    }

    /// <summary>Reads one property of the page object (or its end); false when the buffer ends inside it.</summary>
    private bool ReadEnvelopeProperty(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _phase = Phase.Done;
            return true;
        }

        var isData = reader.ValueTextEquals("data"u8);
        var isHasMore = reader.ValueTextEquals("has_more"u8);
        var isNextPage = reader.ValueTextEquals("next_page"u8);
        if (!reader.Read())
        {
            return false;
        }

        if (isData)
        {
            _sawData = reader.TokenType == JsonTokenType.StartArray ? true : throw NoData();
            _phase = Phase.Data;
            return true;
        }

        if (isHasMore)
        {
            _hasMore = reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => null,
            };
        }
        else if (isNextPage)
        {
            NextPage = reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } next ? next : null;
        }

        return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
    }

    private void Finish()
    {
        if (!_sawData)
        {
            throw NoData();
        }

        if (_hasMore is null)
        {
            throw OpenAiPageParser.Malformed(endpoint, "the page has no boolean 'has_more'");
        }
    }

    private Step NeedMore(long unitStart, JsonReaderState unitState)
    {
        _start += (int)unitStart;
        _state = unitState;
        return Step.NeedMore;
    }

    private void Consumed(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_final)
        {
            // The reader had every byte and still wanted more: the JSON ends inside a value.
            throw OpenAiPageParser.Malformed(endpoint, "invalid JSON (the page ends early)");
        }

        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            // One unit (a bucket) is larger than the buffer: it has to fit whole, so the buffer grows.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, _start, larger, 0, pending);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }

        _start = 0;
        _end = pending;
        int read;
        try
        {
            read = await body.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Transient, endpoint, "the response body was cut off", null, exception);
        }

        _end += read;
        _final = read == 0;
    }

    private OpenAiApiException NoData() => OpenAiPageParser.Malformed(endpoint, "the page has no 'data' array");
}
