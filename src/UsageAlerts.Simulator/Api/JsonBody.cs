using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// A JSON response written by hand with <see cref="Utf8JsonWriter"/>: field order like OpenAI's, decimals exact,
/// and the bytes available to the gate, which can cut them for the malformed-JSON fault.
/// </summary>
internal sealed class JsonBody(byte[] bytes, int statusCode = StatusCodes.Status200OK) : IResult
{
    // OpenAI prints &, < and ' literally; only what JSON requires is escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonBody Write(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return new JsonBody(buffer.WrittenSpan.ToArray(), statusCode);
    }

    public JsonBody Truncated() => new(bytes[..(bytes.Length / 2)], statusCode);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
