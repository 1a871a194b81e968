using Microsoft.AspNetCore.Mvc;
using UsageAlerts.Simulator.Api;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Sink;

namespace UsageAlerts.Simulator.Hosting;

/// <summary>Maps the admin API under <c>/v1/organization</c>, the webhook sinks, the control API and a 404 fallback.</summary>
internal static class SimulatorEndpoints
{
    public static void Map(WebApplication app, SimulatorState state)
    {
        var api = app.MapGroup("/v1/organization").AddEndpointFilter(new ApiGate(state));
        // The gate answers 404 for unknown kinds before the handler runs.
        api.MapGet("/usage/{kind}", (HttpContext http, string kind) => UsageEndpoint.Handle(http, UsageKinds.Find(kind)!, state))
            .WithMetadata(new SimRouteName("usage"));
        api.MapGet("/costs", (HttpContext http) => CostsEndpoint.Handle(http, state))
            .WithMetadata(new SimRouteName(SimRoutes.Costs));
        api.MapGet("/projects", (HttpContext http) => ProjectsEndpoint.List(http, state))
            .WithMetadata(new SimRouteName(SimRoutes.Projects));
        api.MapGet("/projects/{project_id}/rate_limits", (HttpContext http, [FromRoute(Name = "project_id")] string projectId) => ProjectsEndpoint.RateLimits(http, projectId, state))
            .WithMetadata(new SimRouteName(SimRoutes.RateLimits));

        var sink = app.MapGroup("/sink").AddEndpointFilter(new SinkGate(state));
        sink.MapPost("/teams/{name}", (HttpContext http, string name) => SinkEndpoints.Teams(http, name, state))
            .WithMetadata(new SimRouteName(SimRoutes.SinkTeams));
        sink.MapPost("/slack/{name}", (HttpContext http, string name) => SinkEndpoints.Slack(http, name, state))
            .WithMetadata(new SimRouteName(SimRoutes.SinkSlack));

        ControlEndpoints.Map(app, state);
        app.MapFallback((HttpContext http) => OpenAiErrors.NotFound(http.Request));
    }
}
