namespace UsageAlerts.Simulator;

/// <summary>The route names used by <see cref="CallLog"/> and <see cref="FaultRule.Route"/>.</summary>
internal static class SimRoutes
{
    public const string Costs = "costs";
    public const string Projects = "projects";
    public const string RateLimits = "rate_limits";
    public const string SpendLimit = "spend_limit";
    public const string ProjectSpendLimit = "project_spend_limit";
    public const string SpendAlerts = "spend_alerts";
    public const string ProjectSpendAlerts = "project_spend_alerts";
    public const string SinkTeams = "sink/teams";
    public const string SinkSlack = "sink/slack";

    public static string Usage(string kind) => "usage/" + kind;

    public static bool IsSink(string route) => route.StartsWith("sink/", StringComparison.Ordinal);

    public static bool IsPaged(string route) => route == Costs || route.StartsWith("usage/", StringComparison.Ordinal);
}
