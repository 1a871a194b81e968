namespace UsageAlerts.OpenAi;

/// <summary>An admin API call failed; the message names the endpoint, never the key.</summary>
public sealed class OpenAiApiException : Exception
{
    public OpenAiApiException(OpenAiErrorKind kind, string endpoint, string message, int? statusCode = null, Exception? innerException = null, string? parameter = null)
        : base($"{endpoint}: {message}", innerException)
    {
        Kind = kind;
        Endpoint = endpoint;
        StatusCode = statusCode;
        Parameter = parameter;
    }

    public OpenAiErrorKind Kind { get; }

    public string Endpoint { get; }

    public int? StatusCode { get; }

    /// <summary>The request parameter OpenAI's error names (<c>error.param</c>), when it names one.</summary>
    public string? Parameter { get; }

    /// <summary>True for failures that mean monitoring cannot see the organization at all.</summary>
    public bool IsBlinding => Kind is OpenAiErrorKind.Authentication or OpenAiErrorKind.InsufficientQuota or OpenAiErrorKind.WrongOrganization;
}
