using UsageAlerts.Bench;
using UsageAlerts.Bench.Soak;

// Benchmarks print figures and assert nothing; the soak checks invariants and fails on a violation.
// Usage: scripts/bench ingestion|summaries|cost|notebook|alert-latency|accuracy [options], scripts/soak [--cycles N] [--seed S]
var command = args.FirstOrDefault() ?? "ingestion";
var rest = args.Skip(1).ToArray();
return command switch
{
    "ingestion" => await IngestionBenchmark.RunAsync(BenchArguments.Parse(rest)),
    IngestionRun.Command => await IngestionRun.RunAsync(rest),
    "summaries" => await SummaryBenchmark.RunAsync(rest),
    "cost" => await CostBenchmark.RunAsync(rest),
    "notebook" => await NotebookBaseline.RunAsync(rest),
    "alert-latency" => await AlertLatencyBenchmark.RunAsync(rest),
    "accuracy" => await AccuracyBenchmark.RunAsync(rest),
    "soak" => await SoakCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: scripts/bench ingestion [--size small|medium|large|all|PxM[,...]] [--backfill-days 30,90]");
    Console.Error.WriteLine("       scripts/bench summaries [--days 365] [--projects 50] [--models 20] [--models-per-project 10] [--keys 2] [--repeats 21] [--row-days 30]");
    Console.Error.WriteLine("       scripts/bench cost [--size small|medium|large|all] [--runs 3]");
    Console.Error.WriteLine("       scripts/bench notebook [--size small|medium|PxM] [--repeats 11] [--limit 30]");
    Console.Error.WriteLine("       scripts/bench alert-latency [--schedules default|every-minute] [--trials 5] [--costs-lag-hours 6] [--projects 8] [--models 6]");
    Console.Error.WriteLine("       scripts/bench accuracy [--days 30] [--costs-lag-hours 6] [--projects 8] [--models 6] [--price-change-day N --price-percent 80]");
    Console.Error.WriteLine("       scripts/soak [--cycles N] [--seed S]");
    return 2;
}
