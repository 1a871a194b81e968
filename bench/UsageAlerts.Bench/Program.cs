using UsageAlerts.Bench;
using UsageAlerts.Bench.Soak;

// Benchmarks print figures and assert nothing; the soak checks invariants and fails on a violation.
// Usage: scripts/bench ingestion|summaries [options], scripts/soak [--cycles N] [--seed S]
var command = args.FirstOrDefault() ?? "ingestion";
var rest = args.Skip(1).ToArray();
return command switch
{
    "ingestion" => await IngestionBenchmark.RunAsync(BenchArguments.Parse(rest)),
    "summaries" => await SummaryBenchmark.RunAsync(rest),
    "soak" => await SoakCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: scripts/bench ingestion [--projects N] [--models N] [--days N] [--backfill-days N]");
    Console.Error.WriteLine("       scripts/bench summaries [--days 365] [--projects 50] [--models 20] [--models-per-project 10] [--keys 2] [--repeats 21]");
    Console.Error.WriteLine("       scripts/soak [--cycles N] [--seed S]");
    return 2;
}
