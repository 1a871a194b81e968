namespace UsageAlerts.OpenAi;

/// <summary>One time bucket of a usage or costs page. <see cref="End"/> is exclusive.</summary>
public sealed record Bucket<TResult>(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<TResult> Results);

/// <summary>One page as OpenAI returned it.</summary>
public sealed record BucketPage<TResult>(IReadOnlyList<Bucket<TResult>> Buckets, bool HasMore, string? NextPage);
