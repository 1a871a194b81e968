namespace UsageAlerts.Rules;

/// <summary>Peak per-minute use against each project's configured caps, before users hit 429s.</summary>
internal sealed class RateLimitRule : IIdentifiedRule
{
    public string? Id { get; init; }

    public string Name { get; init; } = "";

    public string Key => Id ?? Name;

    /// <summary>Projects and models to watch; line items and API keys do not apply.</summary>
    public ScopeRule Scope { get; init; } = new();

    /// <summary>Utilisation percentages, ascending (e.g. 80 and 95).</summary>
    public List<decimal> Thresholds { get; init; } = [80m, 95m];

    public int WindowMinutes { get; init; } = 60;

    /// <summary>A firing alert resolves only after staying below its lowest threshold this long, so flapping stays quiet.</summary>
    public int ResolveAfterMinutes { get; init; } = 15;

    public List<string> Receivers { get; init; } = [];

    public TimeSpan? RepeatInterval { get; init; }
}

/// <summary>Tell someone when monitoring itself cannot see: streams stale or failing, the admin key rejected.</summary>
internal sealed class BlindRule
{
    /// <summary>There is one blind rule; its alerts carry this rule key.</summary>
    public const string Key = "blind";

    public int FailuresBeforeAlert { get; init; } = 3;

    public List<string> Receivers { get; init; } = [];

    public TimeSpan? RepeatInterval { get; init; }
}

/// <summary>Mutes matching alerts for a while; their state keeps moving, only messages stop.</summary>
internal sealed class SilenceRule
{
    /// <summary>Rule name the silence applies to; null matches any rule.</summary>
    public string? Rule { get; init; }

    /// <summary>Text that must occur in the alert's scope (project id or name, model); null matches any scope.</summary>
    public string? Scope { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Comment { get; init; }
}

internal sealed class DigestRule
{
    public string Name { get; init; } = "";

    /// <summary>6-field NCRONTAB in UTC; checked by the hourly digest job.</summary>
    public string Schedule { get; init; } = "0 0 8 * * *";

    public List<string> Receivers { get; init; } = [];
}
