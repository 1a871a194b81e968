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
        MapSpendControls(api, state);

        var sink = app.MapGroup("/sink").AddEndpointFilter(new SinkGate(state));
        sink.MapPost("/teams/{name}", (HttpContext http, string name) => SinkEndpoints.Teams(http, name, state))
            .WithMetadata(new SimRouteName(SimRoutes.SinkTeams));
        sink.MapPost("/slack/{name}", (HttpContext http, string name) => SinkEndpoints.Slack(http, name, state))
            .WithMetadata(new SimRouteName(SimRoutes.SinkSlack));

        ControlEndpoints.Map(app, state);
        app.MapFallback((HttpContext http) => OpenAiErrors.NotFound(http.Request));
    }

    private static void MapSpendControls(RouteGroupBuilder api, SimulatorState state)
    {
        var limit = new SimRouteName(SimRoutes.SpendLimit);
        var projectLimit = new SimRouteName(SimRoutes.ProjectSpendLimit);
        var alerts = new SimRouteName(SimRoutes.SpendAlerts);
        var projectAlerts = new SimRouteName(SimRoutes.ProjectSpendAlerts);
        api.MapGet("/spend_limit", () => SpendControlsEndpoint.GetLimit(null, state)).WithMetadata(limit);
        api.MapPost("/spend_limit", (Func<HttpContext, Task<IResult>>)(http => SpendControlsEndpoint.SetLimit(http, null, state))).WithMetadata(limit);
        api.MapDelete("/spend_limit", () => SpendControlsEndpoint.DeleteLimit(null, state)).WithMetadata(limit);
        api.MapGet("/projects/{project_id}/spend_limit", ([FromRoute(Name = "project_id")] string projectId) => SpendControlsEndpoint.GetLimit(projectId, state)).WithMetadata(projectLimit);
        api.MapPost("/projects/{project_id}/spend_limit", (HttpContext http, [FromRoute(Name = "project_id")] string projectId) => SpendControlsEndpoint.SetLimit(http, projectId, state)).WithMetadata(projectLimit);
        api.MapDelete("/projects/{project_id}/spend_limit", ([FromRoute(Name = "project_id")] string projectId) => SpendControlsEndpoint.DeleteLimit(projectId, state)).WithMetadata(projectLimit);

        api.MapGet("/spend_alerts", (HttpContext http) => SpendControlsEndpoint.ListAlerts(http, null, state)).WithMetadata(alerts);
        api.MapPost("/spend_alerts", (Func<HttpContext, Task<IResult>>)(http => SpendControlsEndpoint.SaveAlert(http, null, null, state))).WithMetadata(alerts);
        api.MapGet("/spend_alerts/{alert_id}", ([FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.GetAlert(null, alertId, state)).WithMetadata(alerts);
        api.MapPost("/spend_alerts/{alert_id}", (HttpContext http, [FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.SaveAlert(http, null, alertId, state)).WithMetadata(alerts);
        api.MapDelete("/spend_alerts/{alert_id}", ([FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.DeleteAlert(null, alertId, state)).WithMetadata(alerts);
        api.MapGet("/projects/{project_id}/spend_alerts", (HttpContext http, [FromRoute(Name = "project_id")] string projectId) => SpendControlsEndpoint.ListAlerts(http, projectId, state)).WithMetadata(projectAlerts);
        api.MapPost("/projects/{project_id}/spend_alerts", (HttpContext http, [FromRoute(Name = "project_id")] string projectId) => SpendControlsEndpoint.SaveAlert(http, projectId, null, state)).WithMetadata(projectAlerts);
        api.MapGet("/projects/{project_id}/spend_alerts/{alert_id}", ([FromRoute(Name = "project_id")] string projectId, [FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.GetAlert(projectId, alertId, state)).WithMetadata(projectAlerts);
        api.MapPost("/projects/{project_id}/spend_alerts/{alert_id}", (HttpContext http, [FromRoute(Name = "project_id")] string projectId, [FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.SaveAlert(http, projectId, alertId, state)).WithMetadata(projectAlerts);
        api.MapDelete("/projects/{project_id}/spend_alerts/{alert_id}", ([FromRoute(Name = "project_id")] string projectId, [FromRoute(Name = "alert_id")] string alertId) => SpendControlsEndpoint.DeleteAlert(projectId, alertId, state)).WithMetadata(projectAlerts);
    }
}
