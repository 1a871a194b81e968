namespace UsageAlerts.OpenAi;

/// <summary>An admin API call failed; the message names the endpoint, never the key.</summary>
public sealed class OpenAiApiException : Exception
{
    public OpenAiApiException(OpenAiErrorKind kind, string endpoint, string message, int? statusCode = null, Exception? innerException = null)
        : base($"{endpoint}: {message}", innerException)
    {
        Kind = kind;
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    public OpenAiErrorKind Kind { get; }

    public string Endpoint { get; }

    public int? StatusCode { get; }

    /// <summary>True for failures that mean monitoring cannot see the organization at all.</summary>
    public bool IsBlinding => Kind is OpenAiErrorKind.Authentication or OpenAiErrorKind.InsufficientQuota;
}
