namespace UsageAlerts.Http;

/// <summary>
/// The HTTP routes, relative to <c>/api/</c>. Each is one HTTP function in Azure and one mapped route in the
/// standalone host; only <see cref="HealthProbe"/> is anonymous.
/// </summary>
public static class RouteNames
{
    public const string Health = "health";
    public const string HealthProbe = "health/live";
    public const string Budgets = "budgets";
    public const string Alerts = "alerts";
    public const string Summary = "summary";
    public const string RateLimits = "rate-limits";
    public const string Dashboard = "dashboard";

    public static IReadOnlyList<string> All { get; } = [Health, HealthProbe, Budgets, Alerts, Summary, RateLimits, Dashboard];

    public static bool IsAnonymous(string route) => route == HealthProbe;
}
