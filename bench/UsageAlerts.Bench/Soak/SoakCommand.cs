using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// <c>scripts/soak [--cycles N] [--seed S]</c>: the standalone host (a child process) against the in-process
/// simulator and an on-disk Azurite, through N cycles of random faults, then checks stored data, delivered
/// messages and the outbox against the simulator's truth. Exit code 1 on any violation.
/// </summary>
internal static class SoakCommand
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] PollJobs = ["PollProjects", "PollUsage", "PollCosts", "PollRecentUsage"];

    public static async Task<int> RunAsync(string[] args)
    {
        var (cycles, seed) = ParseArguments(args);
        var hostDll = Require("USAGEALERTS_SOAK_HOST_DLL");
        var azuriteBin = Require("USAGEALERTS_AZURITE_BIN");
        var clock = TimeProvider.System;
        var work = Directory.CreateTempSubdirectory("usagealerts-soak-").FullName;
        var ledger = new SoakLedger();
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"soak: {cycles} cycles, seed {seed}; logs in {work}");

        var azurite = new AzuriteServer(azuriteBin, Path.Combine(work, "azurite"), FreePort(), Path.Combine(work, "azurite.log"));
        await azurite.StartAsync();
        var options = new SimulatorOptions();
        await using var simulator = await SimulatorServer.StartAsync(options, clock);
        var rules = Path.Combine(work, "rules.json");
        await File.WriteAllTextAsync(rules, SoakRules.Json);
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var host = new SoakHost(hostDll, FreePort(), simulator, options, azurite.ConnectionString, rules, apiKey, Path.Combine(work, "host.log"));
        using var rig = new SoakRig(simulator, azurite, host, apiKey, clock, ledger, new Random(seed));
        var start = clock.GetUtcNow();
        try
        {
            await rig.StartHostAsync("the soak started it");
            var picker = new FaultPicker(seed);
            var cycle = new SoakCycle(rig, picker, ledger);
            for (var i = 1; i <= cycles; i++)
            {
                await cycle.RunAsync(i);
                ledger.Cycles = i;
            }

            await SettleAsync(rig, ledger);
            await rig.StopHostAsync();
            await CheckAsync(simulator, azurite, rules, start, clock.GetUtcNow(), ledger);
        }
        finally
        {
            await rig.StopHostAsync();
            await azurite.StopAsync();
        }

        ledger.Print(Console.Out, watch.Elapsed, seed);
        if (ledger.Violations.Count == 0)
        {
            Directory.Delete(work, recursive: true);
            return 0;
        }

        Console.WriteLine($"logs kept in {work}");
        return 1;
    }

    /// <summary>With every fault off: each poll job succeeds again, then evaluation and delivery run and the outbox empties.</summary>
    private static async Task SettleAsync(SoakRig rig, SoakLedger ledger)
    {
        rig.Simulator.Faults.Clear();
        var since = rig.Clock.GetUtcNow();
        var deadline = since + SettleTimeout;
        DateTimeOffset? polled = null;
        HealthSample? last = null;
        while (rig.Clock.GetUtcNow() < deadline)
        {
            await rig.RestartIfExitedAsync("settling");
            last = await rig.SampleAsync();
            bool RanSince(string job, DateTimeOffset after) => last.Jobs.TryGetValue(job, out var run) && run.Started > after && run.Succeeded == true;
            if (last.Answered && polled is null && last.FailingStreams.Count == 0 && PollJobs.All(j => RanSince(j, since)))
            {
                polled = rig.Clock.GetUtcNow();
            }

            if (polled is { } p && last.Backlog == 0 && last.FailingStreams.Count == 0 && RanSince("Evaluate", p) && RanSince("Deliver", p))
            {
                Console.WriteLine($"settled in {(rig.Clock.GetUtcNow() - since).TotalSeconds:F0} s");
                return;
            }

            await Task.Delay(1000);
        }

        ledger.Violation($"not settled {SettleTimeout.TotalMinutes:F0} min after the last fault: failing streams [{string.Join(", ", last?.FailingStreams ?? new HashSet<string>())}], outbox backlog {last?.Backlog}, polls clean {(polled is null ? "never" : "yes")}");
    }

    private static async Task CheckAsync(SimulatorServer simulator, AzuriteServer azurite, string rules, DateTimeOffset start, DateTimeOffset end, SoakLedger ledger)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = SoakHost.TablePrefix,
            ["Rules:Path"] = rules,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
        await TotalsCheck.RunAsync(simulator.Organization, services.GetRequiredService<CostReader>(), services.GetRequiredService<UsageReader>(), start, end, ledger);
        var expected = TruthAlerts.Derive(simulator.Organization, start, end);
        await MessagesCheck.RunAsync(simulator, services.GetRequiredService<TableStore>(), services.GetRequiredService<AlertStore>(),
            services.GetRequiredService<IOptions<AlertingOptions>>().Value.ResolveTimeout, start, end, expected, ledger);
    }

    private static (int Cycles, int Seed) ParseArguments(string[] args)
    {
        int cycles = 6, seed = Environment.TickCount & 0xFFFF;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                : throw new ArgumentException($"Expected a positive number after {args[i]}");
            _ = args[i] switch
            {
                "--cycles" => cycles = value,
                "--seed" => seed = value,
                _ => throw new ArgumentException($"Unknown argument {args[i]}; usage: scripts/soak [--cycles N] [--seed S]"),
            };
        }

        return (cycles, seed);
    }

    private static string Require(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{variable} is not set: run through scripts/soak.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
