namespace UsageAlerts;

/// <summary>What a job run did; errors are one line each, already free of secrets.</summary>
internal sealed record JobOutcome(long RowsWritten, int PagesRead, int Transactions, IReadOnlyList<string> Errors)
{
    public static readonly JobOutcome None = new(0, 0, 0, []);

    public bool Succeeded => Errors.Count == 0;

    public static JobOutcome From(Ingestion.StreamRunResult result) =>
        new(result.RowsWritten, result.PagesRead, result.Transactions, []);

    public static JobOutcome Failed(string error) => new(0, 0, 0, [error]);

    public static JobOutcome Combine(IEnumerable<JobOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return new JobOutcome(
            list.Sum(o => o.RowsWritten),
            list.Sum(o => o.PagesRead),
            list.Sum(o => o.Transactions),
            [.. list.SelectMany(o => o.Errors).Order(StringComparer.Ordinal)]);
    }
}
