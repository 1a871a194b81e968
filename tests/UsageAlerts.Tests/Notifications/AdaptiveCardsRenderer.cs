using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Notifications;

/// <summary>
/// Runs card-check/check-cards.cjs, Microsoft's Adaptive Cards renderer parsing, validating and drawing cards at
/// version 1.4 with the Teams host config in jsdom, once over a whole batch, since node and jsdom take seconds to start.
/// </summary>
internal static class AdaptiveCardsRenderer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static string Script => Path.Combine(RepoPaths.Root, "tests", "UsageAlerts.Tests", "Notifications", "card-check", "check-cards.cjs");

    /// <summary>Each card's problems as the renderer reports them, an empty list for a good card.</summary>
    internal static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CheckAsync(IReadOnlyDictionary<string, JsonObject> cards)
    {
        var batch = new JsonObject();
        foreach (var (name, card) in cards)
        {
            batch[name] = card.DeepClone();
        }

        var start = new ProcessStartInfo("node", [Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; the Teams card check needs Node.js");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.StandardInput.WriteAsync(batch.ToJsonString());
        node.StandardInput.Close();
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"check-cards.cjs did not finish within {Timeout}");
        }

        // 0: every card good, 1: some card has a problem; anything else means the check itself did not run.
        if (node.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"check-cards.cjs exited with {node.ExitCode}: {await errors}");
        }

        var results = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(await output)
            ?? throw new InvalidOperationException("check-cards.cjs printed no results");
        var missing = cards.Keys.Except(results.Keys).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("check-cards.cjs gave no result for " + string.Join(", ", missing));
        }

        return results.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value);
    }
}
