using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;

namespace UsageAlerts.Simulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Faults_calls_revision_and_scenarios_can_be_driven_over_http()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var control = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var added = await control.PostAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), new { route = "projects", kind = "ServiceUnavailable", onCall = 1 });
        var faulted = await sim.GetErrorAsync("organization/projects");
        await sim.GetJsonAsync("organization/projects");
        using var refused = await control.PostAsJsonAsync(new Uri("_sim/faults", UriKind.Relative), new { kind = "ServerError", times = 0 });
        using var cleared = await control.DeleteAsync(new Uri("_sim/faults", UriKind.Relative));
        var calls = JsonDocument.Parse(await control.GetStringAsync(new Uri("_sim/calls", UriKind.Relative))).RootElement;
        using var revised = await control.PutAsync(new Uri("_sim/revision/3", UriKind.Relative), null);
        var scenarios = JsonDocument.Parse(await control.GetStringAsync(new Uri("_sim/scenarios", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(sim.Server.Faults.Rules);
        Assert.Equal(2, calls.GetProperty("total").GetInt32());
        Assert.Equal(2, calls.GetProperty("routes").GetProperty("projects").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, revised.StatusCode);
        Assert.Equal(3, sim.Organization.RevisionEpoch);
        Assert.Equal(sim.Organization.Scenarios.NearCapModel, scenarios.GetProperty("nearCapModel").GetString());
    }
}
