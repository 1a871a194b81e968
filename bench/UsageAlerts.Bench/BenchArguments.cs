using System.Globalization;

namespace UsageAlerts.Bench;

/// <summary>
/// Command line of <c>scripts/bench ingestion</c>: <c>--size</c> small|medium|large|all|PxM (comma-separated,
/// default all) and <c>--backfill-days</c> (comma-separated, default 30,90).
/// </summary>
internal sealed record BenchArguments(IReadOnlyList<OrgSize> Sizes, IReadOnlyList<int> BackfillDays)
{
    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["--size"] = "all", ["--backfill-days"] = "30,90" };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 == args.Length)
            {
                throw new ArgumentException($"Unknown argument or missing value: {args[i]}");
            }

            values[args[i]] = args[i + 1];
        }

        return new BenchArguments(
            [.. values["--size"].Split(',').SelectMany(OrgSize.Parse).DistinctBy(s => s.Name)],
            [.. values["--backfill-days"].Split(',').Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))]);
    }
}
