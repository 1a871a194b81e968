using System.Text;
using System.Text.Json;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Sink;

/// <summary>
/// Simulated chat webhooks. Teams (Workflows) answers 202 with an empty body to a message with attachments;
/// Slack answers 200 <c>ok</c> to a body with a non-empty <c>text</c>, and plain-text error codes otherwise.
/// </summary>
internal static class SinkEndpoints
{
    /// <summary>Teams rejects posts above about 28 KB ("Request Entity too large").</summary>
    public const int TeamsMaxBytes = 28 * 1024;

    public static async Task<IResult> Teams(HttpContext http, string name, SimulatorState state)
    {
        var body = await ReadBody(http.Request);
        if (Encoding.UTF8.GetByteCount(body) > TeamsMaxBytes)
        {
            return TeamsError(StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", "Request Entity too large");
        }

        using var document = TryParse(body);
        var root = document?.RootElement;
        var valid = root is { ValueKind: JsonValueKind.Object } r &&
            r.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "message" &&
            r.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array;
        if (!valid)
        {
            return TeamsError(StatusCodes.Status400BadRequest, "InvalidRequestContent", "The request must be a JSON message with an attachments array.");
        }

        state.Sink.Record(new SinkMessage("teams", name, state.Organization.Time.GetUtcNow(), body));
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> Slack(HttpContext http, string name, SimulatorState state)
    {
        var body = await ReadBody(http.Request);
        using var document = TryParse(body);
        if (document is not { RootElement.ValueKind: JsonValueKind.Object } parsed)
        {
            return Results.Text("invalid_payload", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var hasText = parsed.RootElement.TryGetProperty("text", out var text) &&
            text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString());
        if (!hasText)
        {
            return Results.Text("no_text", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        state.Sink.Record(new SinkMessage("slack", name, state.Organization.Time.GetUtcNow(), body));
        return Results.Text("ok", "text/plain");
    }

    public static IResult TeamsError(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private static async Task<string> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static JsonDocument? TryParse(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
