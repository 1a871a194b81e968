namespace UsageAlerts.Simulator.Api;

/// <summary>A bad request parameter, answered with OpenAI's 400 error body naming the parameter.</summary>
internal sealed class InvalidRequestException(string param, string message, string code = "invalid_value") : Exception(message)
{
    public string Param => param;

    public string Code => code;
}

/// <summary>OpenAI's error bodies: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAiErrors
{
    public const string MissingScopes =
        "You have insufficient permissions for this operation. Missing scopes: api.usage.read. Check that you have the " +
        "correct role in your organization (Owner), and if you're using a restricted API key, that it has the necessary scopes.";

    public static JsonBody InvalidRequest(InvalidRequestException exception) =>
        Error(StatusCodes.Status400BadRequest, exception.Message, "invalid_request_error", exception.Param, exception.Code);

    public static JsonBody InvalidApiKey(string? presented) => Error(
        StatusCodes.Status401Unauthorized,
        presented is null
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : $"Incorrect API key provided: {Mask(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key");

    public static JsonBody KeyRejected() => Error(
        StatusCodes.Status401Unauthorized,
        "Incorrect API key provided. The key may have been revoked; you can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key");

    public static JsonBody Forbidden() => Error(StatusCodes.Status403Forbidden, MissingScopes, "invalid_request_error", null, null);

    public static JsonBody RateLimited() => Error(
        StatusCodes.Status429TooManyRequests,
        "Rate limit reached for requests to the organization admin API. Please try again later.",
        "requests",
        null,
        "rate_limit_exceeded");

    public static JsonBody InsufficientQuota() => Error(
        StatusCodes.Status429TooManyRequests,
        "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota",
        null,
        "insufficient_quota");

    public static JsonBody ServerError() => Error(
        StatusCodes.Status500InternalServerError,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
        null);

    public static JsonBody ServiceUnavailable() => Error(
        StatusCodes.Status503ServiceUnavailable,
        "The server is overloaded or not ready yet.",
        "server_error",
        null,
        "service_unavailable");

    public static JsonBody NotFound(HttpRequest request) => Error(
        StatusCodes.Status404NotFound,
        $"Invalid URL ({request.Method} {request.Path})",
        "invalid_request_error",
        null,
        null);

    private static JsonBody Error(int status, string message, string type, string? param, string? code) => JsonBody.Write(
        writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            writer.WriteString("param", param);
            writer.WriteString("code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        },
        status);

    /// <summary>Like OpenAI, shows only the start and the last four characters of a wrong key.</summary>
    private static string Mask(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', key.Length - 12) + key[^4..];
}
