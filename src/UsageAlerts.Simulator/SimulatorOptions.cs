namespace UsageAlerts.Simulator;

/// <summary>
/// Shape of the simulated organization. Bound from the configuration section <c>Simulator</c> when the
/// simulator runs as its own process.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of every generated id and value: same seed and same clock give the same organization.</summary>
    public int Seed { get; set; } = 42;

    public int Projects { get; set; } = 8;

    /// <summary>Number of completion models in use; past the well-known names they are fine-tuned models.</summary>
    public int Models { get; set; } = 6;

    public int UsersPerProject { get; set; } = 3;

    public int ApiKeysPerProject { get; set; } = 2;

    /// <summary>Days of history before the moment the organization is created.</summary>
    public int Days { get; set; } = 45;

    public string AdminKey { get; set; } = "sk-admin-simulator";

    /// <summary>Shapes the data so that a budget overrun, a spend spike and a near-cap model are present.</summary>
    public bool Scenarios { get; set; } = true;

    /// <summary>Monthly budget the "Research" project overruns when <see cref="Scenarios"/> is on.</summary>
    public decimal OverrunBudgetUsd { get; set; } = 2000m;

    /// <summary>How far back from "now" <see cref="SimulatedOrganization.RevisionEpoch"/> revises usage.</summary>
    public int RevisionWindowHours { get; set; } = 48;

    /// <summary>
    /// <see cref="SimulatorFidelity.Live"/> (default) answers the way OpenAI's live admin API has been reported to;
    /// <see cref="SimulatorFidelity.Documented"/> follows the OpenAPI description literally. See the README.
    /// </summary>
    public SimulatorFidelity Fidelity { get; set; } = SimulatorFidelity.Live;

    /// <summary>
    /// Hours before a minute's cost appears on the costs endpoint (usage appears at once), as OpenAI's costs lag
    /// behind usage. 0 shows costs as soon as the usage.
    /// </summary>
    public int CostsLagHours { get; set; }

    /// <summary>
    /// Start of a traffic surge (on the hour, UTC), for timelines and benches that need a sudden jump in spend; null
    /// (default) for none. The surge lasts from then on.
    /// </summary>
    public DateTimeOffset? SurgeFrom { get; set; }

    /// <summary>Index of the project that surges (0 is the first project).</summary>
    public int SurgeProject { get; set; }

    /// <summary>Factor the surging project's traffic is multiplied by from <see cref="SurgeFrom"/>.</summary>
    public double SurgeFactor { get; set; } = 1;

    /// <summary>
    /// From this moment (on the hour, UTC) every unit price is multiplied by <see cref="PriceChangeFactor"/>, as when
    /// OpenAI changes its prices; null (default) for none. Costs follow; usage does not change.
    /// </summary>
    public DateTimeOffset? PriceChangeFrom { get; set; }

    /// <summary>Factor every unit price is multiplied by from <see cref="PriceChangeFrom"/>.</summary>
    public decimal PriceChangeFactor { get; set; } = 1;

    /// <summary>The <c>organization_id</c> results carry.</summary>
    public string OrganizationId { get; set; } = "org-SimulatedUsageAlerts0001";

    /// <summary>Faults active from start-up; more can be added at run time.</summary>
    public IList<FaultRule> Faults { get; } = [];

    internal void Validate()
    {
        Require(Projects is >= 1 and <= 1000, nameof(Projects), "must be between 1 and 1000");
        Require(!Scenarios || Projects >= 3, nameof(Projects), "must be at least 3 when Scenarios is on");
        Require(Models is >= 1 and <= 200, nameof(Models), "must be between 1 and 200");
        Require(UsersPerProject is >= 1 and <= 100, nameof(UsersPerProject), "must be between 1 and 100");
        Require(ApiKeysPerProject is >= 1 and <= 50, nameof(ApiKeysPerProject), "must be between 1 and 50");
        Require(Days is >= 1 and <= 800, nameof(Days), "must be between 1 and 800");
        Require(RevisionWindowHours is >= 0 and <= 24 * 31, nameof(RevisionWindowHours), "must be between 0 and 744");
        Require(CostsLagHours is >= 0 and <= 24 * 7, nameof(CostsLagHours), "must be between 0 and 168");
        Require(SurgeFrom is null || SurgeFrom.Value.ToUnixTimeSeconds() % 3600 == 0, nameof(SurgeFrom), "must be on the hour");
        Require(SurgeProject >= 0 && SurgeProject < Projects, nameof(SurgeProject), "must be the index of a project (0 to Projects - 1)");
        Require(SurgeFactor is >= 0 and <= 1000, nameof(SurgeFactor), "must be between 0 and 1000");
        Require(PriceChangeFrom is null || PriceChangeFrom.Value.ToUnixTimeSeconds() % 3600 == 0, nameof(PriceChangeFrom), "must be on the hour");
        Require(PriceChangeFactor is >= 0.01m and <= 100m, nameof(PriceChangeFactor), "must be between 0.01 and 100");
        Require(OverrunBudgetUsd > 0, nameof(OverrunBudgetUsd), "must be positive");
        Require(!string.IsNullOrWhiteSpace(AdminKey), nameof(AdminKey), "must not be empty");
        Require(Enum.IsDefined(Fidelity), nameof(Fidelity), "must be Live or Documented");
        Require(OrganizationId.StartsWith("org-", StringComparison.Ordinal), nameof(OrganizationId), "must start with org-");
    }

    private void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            var value = GetType().GetProperty(name)?.GetValue(this);
            throw new ArgumentException($"Simulator:{name} {rule} (was {value}).", name);
        }
    }
}
