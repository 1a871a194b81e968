using System.Text.RegularExpressions;
using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

public sealed partial class DeterminismTests
{
    private static readonly string[] Paths =
    [
        $"organization/usage/completions?start_time={Unix(Now.AddDays(-10))}&limit=31&group_by=project_id&group_by=model&group_by=api_key_id",
        $"organization/usage/images?start_time={Unix(Now.AddHours(-30))}&bucket_width=1h&group_by=size",
        $"organization/costs?start_time={Unix(Now.AddDays(-9))}&group_by=line_item&group_by=project_id",
        "organization/projects?include_archived=true",
    ];

    [Fact]
    public async Task Same_options_and_clock_give_byte_identical_responses()
    {
        await using var first = await SimulatorHarness.StartAsync();
        await using var second = await SimulatorHarness.StartAsync();

        foreach (var path in Paths)
        {
            Assert.Equal(await BytesAsync(first, path), await BytesAsync(second, path));
        }
    }

    [Fact]
    public async Task Another_seed_gives_another_organization_with_well_formed_ids()
    {
        await using var first = await SimulatorHarness.StartAsync();
        await using var other = await SimulatorHarness.StartAsync(new SimulatorOptions { Seed = 7, Fidelity = SimulatorFidelity.Documented });

        Assert.NotEqual(first.Organization.Projects.Select(p => p.Id), other.Organization.Projects.Select(p => p.Id));
        var rows = other.Organization.Usage("completions", Now.AddDays(-3), Now);
        Assert.All(other.Organization.Projects, p => Assert.Matches(ProjectId(), p.Id));
        Assert.All(rows.Where(r => r.ApiKeyId is not null), r => Assert.Matches(KeyId(), r.ApiKeyId!));
        Assert.All(rows.Where(r => r.UserId is not null), r => Assert.Matches(UserId(), r.UserId!));
        Assert.Contains(other.Organization.Projects, p => p.Name.Contains(',', StringComparison.Ordinal) && p.Name.Contains('"', StringComparison.Ordinal));
    }

    private static async Task<byte[]> BytesAsync(SimulatorHarness harness, string path)
    {
        using var response = await harness.Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    [GeneratedRegex("^proj_[A-Za-z0-9]{24}$")]
    private static partial Regex ProjectId();

    [GeneratedRegex("^key_[A-Za-z0-9]{16}$")]
    private static partial Regex KeyId();

    [GeneratedRegex("^user-[A-Za-z0-9]{24}$")]
    private static partial Regex UserId();
}
