using System.Globalization;

namespace UsageAlerts.Bench;

internal sealed record BenchArguments(int Projects, int Models, int Days, int BackfillDays)
{
    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--projects"] = 8, ["--models"] = 6, ["--days"] = 45, ["--backfill-days"] = 30 };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"Unknown argument or bad number: {args[i]} {args[i + 1]}");
            }

            values[args[i]] = value;
        }

        return new BenchArguments(values["--projects"], values["--models"], values["--days"], values["--backfill-days"]);
    }
}
