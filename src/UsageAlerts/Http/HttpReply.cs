using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace UsageAlerts.Http;

/// <summary>
/// A finished response. It is both an MVC <see cref="IActionResult"/> (what the Functions ASP.NET Core integration
/// executes) and a minimal-API <see cref="IResult"/> (what the standalone host executes), so one handler serves both.
/// </summary>
public sealed class HttpReply : IActionResult, IResult
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private HttpReply(int statusCode, string contentType, string body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public int StatusCode { get; }

    public string ContentType { get; }

    public string Body { get; }

    internal IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    internal static HttpReply Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, "application/json; charset=utf-8", JsonSerializer.Serialize(value, JsonOptions));

    internal static HttpReply Text(string body, string contentType, int statusCode = StatusCodes.Status200OK) => new(statusCode, contentType, body);

    /// <summary>This reply with one more response header (e.g. Content-Disposition, Content-Security-Policy).</summary>
    internal HttpReply WithHeader(string name, string value) =>
        new(StatusCode, ContentType, Body) { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    /// <summary>An RFC 9457 problem document; <paramref name="parameter"/> names the bad query parameter.</summary>
    internal static HttpReply Problem(int statusCode, string title, string detail, string? parameter = null) =>
        new(statusCode, "application/problem+json; charset=utf-8", JsonSerializer.Serialize(new ProblemBody(title, statusCode, detail, parameter), JsonOptions));

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(Body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    private sealed record ProblemBody(string Title, int Status, string Detail, string? Parameter, string Type = "about:blank");
}
