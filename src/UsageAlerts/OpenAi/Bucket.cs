namespace UsageAlerts.OpenAi;

/// <summary>One time bucket of a usage or costs page. <see cref="End"/> is exclusive.</summary>
public sealed record Bucket<TResult>(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<TResult> Results)
{
    /// <summary>Results that carried nothing to store (a costs result without an amount): skipped, and counted here.</summary>
    public int SkippedResults { get; init; }

    /// <summary>The <c>organization_id</c> values the bucket's results carried (costs always, newer usage results too).</summary>
    public IReadOnlySet<string> OrganizationIds { get; init; } = new HashSet<string>();

    /// <summary>Which page of the read (1, 2, …) the bucket came on.</summary>
    public int Page { get; init; } = 1;
}
