using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// One cycle: switch its faults on, strike the host or Azurite if drawn, watch <c>/api/health</c> until each fault
/// was reported (or its time is up), switch everything off and judge. A host that exits by itself is a violation,
/// and is started again so the soak goes on.
/// </summary>
internal sealed class SoakCycle(SoakRig rig, FaultPicker picker, SoakLedger ledger)
{
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(15);
    // A digest per minute is the only steady webhook traffic: a webhook fault waits for a call up to that long.
    private static readonly TimeSpan MaximumWindow = TimeSpan.FromSeconds(65);
    private static readonly TimeSpan JobsBackWithin = TimeSpan.FromSeconds(40);

    public async Task RunAsync(int number)
    {
        var faults = picker.Next(number);
        Console.WriteLine($"{rig.Clock.GetUtcNow():HH:mm:ss} cycle {number}: {string.Join(", ", faults)}");
        var calls = faults.Where(f => f.Rule is not null).ToDictionary(f => f, f => rig.Simulator.Calls.Count(f.Target));
        foreach (var fault in faults)
        {
            ledger.Injected[fault.Kind]++;
            if (fault.Rule is { } rule)
            {
                rig.Simulator.Faults.Add(rule);
            }
        }

        var start = rig.Clock.GetUtcNow();
        var strike = faults.FirstOrDefault(f => f.Rule is null);
        var strikeAt = start.AddSeconds(picker.StrikeAfterSeconds());
        var samples = new List<HealthSample>();
        while (true)
        {
            if (strike is not null && rig.Clock.GetUtcNow() >= strikeAt)
            {
                await StrikeAsync(strike, number);
                strike = null;
            }

            samples.Add(await rig.SampleAsync());
            await rig.RestartIfExitedAsync($"cycle {number} ({string.Join(", ", faults)})");
            var elapsed = rig.Clock.GetUtcNow() - start;
            var waiting = faults.Any(f => f.Rule is not null && !Reported(f, samples) && rig.Simulator.Calls.Count(f.Target) - calls[f] == 0)
                || faults.Any(f => f.OnApi && !Reported(f, samples));
            if (strike is null && elapsed >= MinimumWindow && (!waiting || elapsed >= MaximumWindow))
            {
                break;
            }

            await Task.Delay(400);
        }

        rig.Simulator.Faults.Clear();
        var seconds = (rig.Clock.GetUtcNow() - start).TotalSeconds;
        foreach (var fault in faults.Where(f => f.Rule is not null))
        {
            var hits = rig.Simulator.Calls.Count(fault.Target) - calls[fault];
            var (reported, idle) = ledger.Health[fault.Kind];
            if (hits == 0)
            {
                ledger.Health[fault.Kind] = (reported, idle + 1);
            }
            else if (Reported(fault, samples))
            {
                ledger.Health[fault.Kind] = (reported + 1, idle);
            }
            else
            {
                ledger.Violation($"cycle {number}: health never reported {fault} in {seconds:F0} s ({hits} calls hit it, {samples.Count(s => s.Answered)} of {samples.Count} health checks answered)");
            }
        }

        // Let the last retries and deliveries after the fault finish before the next one starts.
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(500);
            await rig.RestartIfExitedAsync($"after cycle {number}");
        }
    }

    /// <summary>Once storage is back, every frequent job must run again on its own (no restart needed).</summary>
    private async Task ExpectJobsBackAsync(int number)
    {
        var back = rig.Clock.GetUtcNow();
        string[] frequent = ["PollUsage", "PollCosts", "PollRecentUsage", "Evaluate", "Deliver"];
        HealthSample? sample = null;
        while (rig.Clock.GetUtcNow() - back < JobsBackWithin)
        {
            sample = await rig.SampleAsync();
            if (frequent.All(j => sample.Jobs.TryGetValue(j, out var run) && run.Started > back))
            {
                return;
            }

            await Task.Delay(1000);
        }

        var stuck = frequent.Where(j => sample?.Jobs.TryGetValue(j, out var run) != true || !(run.Started > back));
        ledger.Violation($"cycle {number}: {JobsBackWithin.TotalSeconds:F0} s after Azurite came back these jobs had not run again: {string.Join(", ", stuck)}");
    }

    private static bool Reported(SoakFault fault, List<HealthSample> samples) => fault.OnApi
        ? samples.Any(s => s.FailingStreams.Any(fault.Affects))
        : samples.Any(s => s.Pending.GetValueOrDefault(fault.Receiver) > 0);

    private async Task StrikeAsync(SoakFault fault, int number)
    {
        if (fault.Kind == SoakFaultKind.HostKill)
        {
            await rig.KillHostAsync(number);
            return;
        }

        await rig.Azurite.StopAsync();
        ledger.AzuriteRestarts++;
        var down = new List<HealthSample>();
        for (var i = 0; i < 12; i++)
        {
            down.Add(await rig.SampleAsync());
            await rig.RestartIfExitedAsync($"cycle {number} while Azurite was down");
            await Task.Delay(500);
        }

        await rig.Azurite.StartAsync();
        await ExpectJobsBackAsync(number);
        var (reported, idle) = ledger.Health[fault.Kind];
        if (down.Any(s => s.ProbeStatus is not 200 and not 0))
        {
            ledger.Health[fault.Kind] = (reported + 1, idle);
        }
        else
        {
            var answers = down.GroupBy(s => (s.ProbeStatus, s.HealthStatus)).Select(g => $"live {g.Key.ProbeStatus} / health {g.Key.HealthStatus} x{g.Count()}");
            ledger.Violation($"cycle {number}: with Azurite stopped for 6 s the probe /api/health/live never said down ({string.Join(", ", answers)})");
        }
    }
}
