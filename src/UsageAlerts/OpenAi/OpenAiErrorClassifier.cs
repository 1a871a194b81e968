using System.Net;
using System.Text.Json;
using UsageAlerts.Security;

namespace UsageAlerts.OpenAi;

/// <summary>Reads a non-success response into an error kind, following OpenAI's documented error codes.</summary>
internal static class OpenAiErrorClassifier
{
    public static async Task<OpenAiApiException> ToExceptionAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (code, message, parameter) = ReadError(body);
        var status = (int)response.StatusCode;
        var kind = Classify(response.StatusCode, code);
        var detail = message is null ? $"HTTP {status}" : $"HTTP {status} {code ?? "error"}{(parameter is null ? "" : $" (param {Truncate(parameter)})")}: {Truncate(message)}";
        return new OpenAiApiException(kind, endpoint, detail, status, parameter: parameter);
    }

    /// <summary>True when another attempt may succeed; reads (and buffers) the body for 429s only.</summary>
    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        string? code = null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            (code, _, _) = ReadError(await response.Content.ReadAsStringAsync());
        }

        return Classify(response.StatusCode, code) == OpenAiErrorKind.Transient;
    }

    internal static OpenAiErrorKind Classify(HttpStatusCode status, string? code) => (int)status switch
    {
        429 when code == "insufficient_quota" => OpenAiErrorKind.InsufficientQuota,
        429 or 408 or 409 or >= 500 => OpenAiErrorKind.Transient,
        401 or 403 => OpenAiErrorKind.Authentication,
        404 => OpenAiErrorKind.NotFound,
        _ => OpenAiErrorKind.BadRequest,
    };

    private static (string? Code, string? Message, string? Parameter) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            // Most endpoints wrap errors in "error"; the rate-limits 404 does not.
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
            if (error.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var code = error.TryGetProperty("code", out var c) ? c.ToString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var parameter = error.TryGetProperty("param", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return (string.IsNullOrEmpty(code) ? null : code, message, string.IsNullOrEmpty(parameter) ? null : parameter);
        }
        catch (JsonException)
        {
            return (null, string.IsNullOrWhiteSpace(body) ? null : body, null);
        }
    }

    private static string Truncate(string text)
    {
        var clean = SecretScrubber.Scrub(text);
        return clean.Length <= 300 ? clean : clean[..300] + "…";
    }
}
