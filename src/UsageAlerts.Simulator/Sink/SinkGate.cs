using System.Globalization;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Sink;

/// <summary>Counts webhook calls and applies sink faults; a faulted request never reaches the sink's record.</summary>
internal sealed class SinkGate(SimulatorState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = http.GetEndpoint()!.Metadata.GetMetadata<SimRouteName>()!.Name;
        state.Calls.Record(route);
        var fault = state.Faults.Next(route);
        if (fault is { DelayMs: > 0 })
        {
            await Task.Delay(fault.DelayMs, http.RequestAborted);
        }

        if (fault is null || fault.Kind == FaultKind.Slow)
        {
            return await next(context);
        }

        if (fault.Kind == FaultKind.RateLimited)
        {
            http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return route == SimRoutes.SinkSlack ? SlackFault(fault) : TeamsFault(fault);
    }

    private static IResult SlackFault(FaultRule fault) => fault.Kind switch
    {
        FaultKind.RateLimited => Results.Text("rate_limited", "text/plain", statusCode: StatusCodes.Status429TooManyRequests),
        FaultKind.SinkNotFound => Results.Text("no_service", "text/plain", statusCode: StatusCodes.Status404NotFound),
        FaultKind.SinkGone => Results.Text("channel_is_archived", "text/plain", statusCode: StatusCodes.Status410Gone),
        // Slack answers a revoked or forbidden webhook with 403, never 401.
        FaultKind.Unauthorized or FaultKind.Forbidden => Results.Text("invalid_token", "text/plain", statusCode: StatusCodes.Status403Forbidden),
        FaultKind.ServiceUnavailable => Results.Text("service_unavailable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => Results.Text("rollup_error", "text/plain", statusCode: StatusCodes.Status500InternalServerError),
    };

    private static IResult TeamsFault(FaultRule fault) => fault.Kind switch
    {
        FaultKind.RateLimited => SinkEndpoints.TeamsError(StatusCodes.Status429TooManyRequests, "TooManyRequests", $"Rate limit is exceeded. Try again in {fault.RetryAfterSeconds} seconds."),
        FaultKind.SinkNotFound => SinkEndpoints.TeamsError(StatusCodes.Status404NotFound, "WorkflowNotFound", "The workflow could not be found."),
        FaultKind.SinkGone => SinkEndpoints.TeamsError(StatusCodes.Status410Gone, "WorkflowDisabled", "The workflow has been disabled or deleted."),
        FaultKind.Unauthorized => SinkEndpoints.TeamsError(StatusCodes.Status401Unauthorized, "DirectApiAuthorizationRequired", "The request must be authenticated."),
        FaultKind.Forbidden => SinkEndpoints.TeamsError(StatusCodes.Status403Forbidden, "AuthorizationFailed", "The caller is not allowed to trigger this workflow."),
        FaultKind.ServiceUnavailable => SinkEndpoints.TeamsError(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The service is temporarily unavailable."),
        _ => SinkEndpoints.TeamsError(StatusCodes.Status500InternalServerError, "InternalServerError", "The server encountered an internal error."),
    };
}
