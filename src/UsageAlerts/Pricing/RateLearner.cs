namespace UsageAlerts.Pricing;

/// <summary>
/// Learns unit rates from one closed day: each billed line item's amount against the usage it bills. Line items do
/// not name the service tier, yet tiers are priced apart (flex at half, priority above list), so when a line item's
/// usage spans several tiers the rates solve amount(project) = Σ rate(tier) × quantity(project, tier) over the
/// projects by least squares. Projects whose tier mixes differ make that exact; when they cannot (one project, or
/// the same mix everywhere) the line item gets one blended rate for all tiers, and the drift shows what it costs.
/// </summary>
internal static class RateLearner
{
    /// <summary>Smallest pivot, relative to the largest, that still counts as a solvable system.</summary>
    private const double SingularPivot = 1e-9;

    public static IReadOnlyList<UnitRate> Learn(
        IReadOnlyDictionary<(string? Project, string LineItem), decimal> billed,
        IReadOnlyDictionary<(string? Project, string LineItem, string Tier), long> usage)
    {
        var rates = new List<UnitRate>();
        var usageByItem = usage.GroupBy(u => u.Key.LineItem).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var item in billed.GroupBy(b => b.Key.LineItem))
        {
            if (!usageByItem.TryGetValue(item.Key, out var quantities) || quantities.Sum(q => q.Value) <= 0)
            {
                continue;
            }

            var amount = item.Sum(b => b.Value);
            var tiers = quantities.Select(q => q.Key.Tier).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var solved = tiers.Count > 1 ? Solve(item.ToDictionary(b => b.Key.Project ?? "", b => b.Value), quantities, tiers) : null;
            if (solved is not null)
            {
                rates.AddRange(tiers.Select((tier, i) => new UnitRate(item.Key, tier, solved[i], Blended: false)));
                continue;
            }

            var blended = amount / quantities.Sum(q => q.Value);
            rates.AddRange(tiers.Select(tier => new UnitRate(item.Key, tier, blended, Blended: tiers.Count > 1)));
        }

        return rates;
    }

    /// <summary>Least squares over projects with scaled columns; null when singular or a rate comes out negative.</summary>
    private static decimal[]? Solve(
        Dictionary<string, decimal> amounts,
        List<KeyValuePair<(string? Project, string LineItem, string Tier), long>> quantities,
        List<string> tiers)
    {
        // The default project (null id) is a project like any other here.
        var projects = quantities.Select(q => q.Key.Project ?? "").Concat(amounts.Keys).Distinct(StringComparer.Ordinal).ToList();
        var k = tiers.Count;
        var rows = projects.Select(project =>
        {
            var x = new double[k];
            foreach (var q in quantities.Where(q => (q.Key.Project ?? "") == project))
            {
                x[tiers.IndexOf(q.Key.Tier)] += q.Value;
            }

            return (X: x, Y: (double)amounts.GetValueOrDefault(project));
        }).ToList();

        // Scale each column to unit size so tokens by the billion and by the thousand weigh alike.
        var scale = Enumerable.Range(0, k).Select(j => Math.Sqrt(rows.Sum(r => r.X[j] * r.X[j]))).ToArray();
        if (scale.Any(s => s == 0))
        {
            return null;
        }

        var a = new double[k, k + 1];
        foreach (var (x, y) in rows)
        {
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    a[i, j] += x[i] / scale[i] * (x[j] / scale[j]);
                }

                a[i, k] += x[i] / scale[i] * y;
            }
        }

        var solution = GaussJordan(a, k);
        if (solution is null)
        {
            return null;
        }

        var result = new decimal[k];
        for (var j = 0; j < k; j++)
        {
            var rate = solution[j] / scale[j];
            if (rate < 0 || double.IsNaN(rate) || double.IsInfinity(rate))
            {
                return null;
            }

            result[j] = (decimal)rate;
        }

        return result;
    }

    private static double[]? GaussJordan(double[,] a, int k)
    {
        var largest = 0.0;
        for (var i = 0; i < k; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i, i]));
        }

        for (var col = 0; col < k; col++)
        {
            var pivot = Enumerable.Range(col, k - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) <= SingularPivot * largest)
            {
                return null;
            }

            for (var j = 0; j <= k; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = 0; r < k; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var factor = a[r, col] / a[col, col];
                for (var j = col; j <= k; j++)
                {
                    a[r, j] -= factor * a[col, j];
                }
            }
        }

        return [.. Enumerable.Range(0, k).Select(i => a[i, k] / a[i, i])];
    }
}
