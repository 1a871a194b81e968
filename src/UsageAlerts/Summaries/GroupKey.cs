namespace UsageAlerts.Summaries;

/// <summary>The values of a group's (at most two) dimensions; null is a real value ("no project", "no model").</summary>
internal readonly record struct GroupKey(string? First, string? Second)
{
    public string? this[int index] => index == 0 ? First : Second;
}
