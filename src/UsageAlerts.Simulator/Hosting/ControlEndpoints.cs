namespace UsageAlerts.Simulator.Hosting;

/// <summary>
/// <c>/_sim/*</c>: drives a simulator running in another process (faults, call counts, sink contents, revision).
/// Local-only by design, so there is no authentication.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimulatorState state)
    {
        var control = app.MapGroup("/_sim");
        control.MapPost("/faults", (FaultRule rule) =>
        {
            try
            {
                state.Faults.Add(rule);
                return Results.NoContent();
            }
            catch (ArgumentException exception)
            {
                return Results.BadRequest(new { error = exception.Message });
            }
        });
        control.MapGet("/faults", () => state.Faults.Rules);
        control.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        control.MapGet("/calls", () => new { total = state.Calls.Total, routes = state.Calls.Snapshot() });
        control.MapGet("/sink", () => state.Sink.Messages);
        control.MapDelete("/sink", () =>
        {
            state.Sink.Clear();
            return Results.NoContent();
        });
        control.MapPut("/revision/{epoch}", (int epoch) =>
        {
            if (epoch < 0)
            {
                return Results.BadRequest(new { error = $"The revision epoch must not be negative (was {epoch})." });
            }

            state.Organization.RevisionEpoch = epoch;
            return Results.NoContent();
        });
        control.MapGet("/scenarios", () => state.Organization.Scenarios);
    }
}
