using UsageAlerts.Bench;

// Benchmarks print figures; they assert nothing. Usage: scripts/bench ingestion [--projects N --models N --days N]
var command = args.FirstOrDefault() ?? "ingestion";
var options = BenchArguments.Parse(args.Skip(1).ToArray());
return command switch
{
    "ingestion" => await IngestionBenchmark.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: scripts/bench ingestion [--projects N] [--models N] [--days N] [--backfill-days N]");
    return 2;
}
