using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// The CSV form of a summary: one header row, then one row per group (no total row, so sums in Excel or Power BI
/// count once). Columns: the grouping dimensions in request order (a project adds its name), then the cost columns,
/// then every <see cref="HeadlineMetric"/>. Names never change with the data.
/// </summary>
internal static class SummaryCsv
{
    /// <summary>UTF-8 BOM: without it Excel reads non-ASCII project names as ANSI.</summary>
    private const string ByteOrderMark = "\uFEFF";

    public static IReadOnlyList<string> Columns(IReadOnlyList<Dimension> groupBy) =>
        [.. groupBy.SelectMany(DimensionColumns), "cost_usd", "cost_provisional_usd", "cost_status", .. HeadlineMetric.All.Select(m => m.Column), "cost_estimated_usd"];

    public static string Render(SummaryDocument document, IReadOnlyList<Dimension> groupBy)
    {
        var csv = new CsvWriter();
        foreach (var column in Columns(groupBy))
        {
            csv.Text(column);
        }

        csv.EndRow();
        foreach (var row in document.Groups)
        {
            foreach (var dimension in groupBy)
            {
                csv.Text(row.Key![dimension.Name()]);
                if (dimension == Dimension.Project)
                {
                    csv.Text(row.ProjectName);
                }
            }

            csv.Number(row.CostUsd).Number(row.CostProvisionalUsd).Text(row.CostStatus);
            foreach (var headline in HeadlineMetric.All)
            {
                csv.Number(row.Metrics[headline.Column]);
            }

            csv.Number(row.CostEstimatedUsd);

            csv.EndRow();
        }

        return ByteOrderMark + csv;
    }

    public static string FileName(SummaryDocument document) => $"usage-summary_{document.From}_{document.To}.csv";

    private static IEnumerable<string> DimensionColumns(Dimension dimension) => dimension switch
    {
        Dimension.Project => ["project_id", "project_name"],
        Dimension.ApiKey => ["api_key_id"],
        _ => [dimension.Name()],
    };
}
