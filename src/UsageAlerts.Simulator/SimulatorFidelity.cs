namespace UsageAlerts.Simulator;

/// <summary>Which OpenAI the simulator plays.</summary>
public enum SimulatorFidelity
{
    /// <summary>
    /// The live admin API as its consumers have reported it: costs refuse <c>group_by=api_key_id</c>, amounts and
    /// quantities are strings, a future <c>end_time</c> is refused, the last bucket is whole, costs start at midnight,
    /// an ungrouped empty day is one all-zero result, some costs results carry no amount, results name their
    /// organization. The README lists each with its public report.
    /// </summary>
    Live,

    /// <summary>The OpenAPI description taken literally (amounts as numbers, every documented grouping accepted).</summary>
    Documented,
}
