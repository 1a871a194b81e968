using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Rules;

/// <summary>Section <c>Rules</c>: where the rules file is, and how evaluation treats forecasts.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>Relative paths are resolved from the app's folder. No path: nothing is evaluated, nothing is sent.</summary>
    public string? Path { get; set; }

    /// <summary>No forecast alert before this share of the period has passed: early run-rates mean little.</summary>
    [Range(0.0, 1.0)]
    public double MinimumForecastShare { get; set; } = 0.2;

    /// <summary>Complete days whose average spend is the run-rate of the forecast.</summary>
    [Range(1, 60)]
    public int ForecastRunRateDays { get; set; } = 7;

    public string? ResolvedPath => Path is null ? null : System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(AppContext.BaseDirectory, Path);
}
