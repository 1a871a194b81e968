namespace UsageAlerts.OpenAi;

/// <summary>How a failed admin API call should be treated by whoever polls.</summary>
public enum OpenAiErrorKind
{
    /// <summary>429 rate limit, 5xx, timeouts, network: worth another try later.</summary>
    Transient,

    /// <summary>401/403: the admin key is missing, wrong or lacks scopes. Monitoring is blind until fixed.</summary>
    Authentication,

    /// <summary>429 <c>insufficient_quota</c>: retrying does not help.</summary>
    InsufficientQuota,

    /// <summary>4xx other than the above: our request is wrong.</summary>
    BadRequest,

    /// <summary>404: the endpoint or object does not exist for this organization.</summary>
    NotFound,

    /// <summary>The answer broke the API's contract: malformed JSON, missing fields, a paging trap.</summary>
    Protocol,

    /// <summary>Results carry an <c>organization_id</c> other than <c>OpenAI:OrganizationId</c>: the key watches another organization.</summary>
    WrongOrganization,
}
