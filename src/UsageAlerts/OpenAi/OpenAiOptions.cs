using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.OpenAi;

/// <summary>Settings of the admin API client (section <c>OpenAI</c>).</summary>
public sealed class OpenAiOptions
{
    public const string SectionName = "OpenAI";

    /// <summary>Ends with a slash so relative paths append to <c>/v1/</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1/");

    /// <summary>Name of the secret holding the admin key (Key Vault in Azure, <c>Secrets:&lt;name&gt;</c> locally).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]{1,127}$", ErrorMessage = "OpenAI:AdminKeySecretName must be 1-127 letters, digits or dashes (a Key Vault secret name).")]
    public string AdminKeySecretName { get; set; } = "OpenAiAdminKey";

    /// <summary>Shown in messages; the API never says which organization an admin key belongs to.</summary>
    [MaxLength(100)]
    public string OrganizationName { get; set; } = "OpenAI organization";

    /// <summary>
    /// The organization the admin key must belong to (<c>org-…</c>). Optional; when set, results that carry another
    /// <c>organization_id</c> blind monitoring instead of being stored.
    /// </summary>
    [RegularExpression("^org-[A-Za-z0-9]{1,64}$", ErrorMessage = "OpenAI:OrganizationId must look like org-… (letters and digits after 'org-').")]
    public string? OrganizationId { get; set; }

    [Range(0, 20)]
    public int MaxRetries { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After we honour; a longer ask is capped so one run stays within its budget.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>All attempts of one call together, retries and waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan CallBudget { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Guard against endless paging on list endpoints (projects, rate limits).</summary>
    [Range(1, 100_000)]
    public int MaxListPages { get; set; } = 1000;
}
