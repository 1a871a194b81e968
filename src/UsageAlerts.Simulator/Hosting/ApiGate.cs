using System.Globalization;
using UsageAlerts.Simulator.Api;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Hosting;

/// <summary>Names an admin API route for the call log and fault rules.</summary>
internal sealed record SimRouteName(string Name);

/// <summary>
/// Runs before every admin API handler: counts the call, applies the fault plan, sends rate-limit headers,
/// checks the admin key, turns bad parameters into OpenAI's 400 body and cuts bodies for malformed-JSON faults.
/// </summary>
internal sealed class ApiGate(SimulatorState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = http.GetEndpoint()?.Metadata.GetMetadata<SimRouteName>()?.Name;
        if (route == "usage")
        {
            var kind = http.Request.RouteValues["kind"] as string;
            route = kind is not null && UsageKinds.Find(kind) is not null ? SimRoutes.Usage(kind) : null;
        }

        if (route is null)
        {
            return OpenAiErrors.NotFound(http.Request);
        }

        state.Calls.Record(route);
        var fault = state.Faults.Next(route);
        if (fault is { DelayMs: > 0 })
        {
            await Task.Delay(fault.DelayMs, http.RequestAborted);
        }

        state.RateLimitHeaders.Apply(http.Response);
        if (fault is not null && Immediate(fault, http) is { } faulted)
        {
            return faulted;
        }

        if (Authenticate(http.Request) is { } rejected)
        {
            return rejected;
        }

        FaultContext.Set(http, fault);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (InvalidRequestException exception)
        {
            return OpenAiErrors.InvalidRequest(exception);
        }

        return fault?.Kind == FaultKind.MalformedJson && result is JsonBody body ? body.Truncated() : result;
    }

    private JsonBody? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        return key == state.Options.AdminKey ? null
            : key is not null && key.StartsWith("sk-proj-", StringComparison.Ordinal) ? OpenAiErrors.Forbidden()
            : OpenAiErrors.InvalidApiKey(string.IsNullOrEmpty(key) ? null : key);
    }

    private static JsonBody? Immediate(FaultRule fault, HttpContext http)
    {
        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return OpenAiErrors.RateLimited();
            case FaultKind.InsufficientQuota:
                return OpenAiErrors.InsufficientQuota();
            case FaultKind.Unauthorized:
                return OpenAiErrors.KeyRejected();
            case FaultKind.Forbidden:
                return OpenAiErrors.Forbidden();
            case FaultKind.ServerError:
                return OpenAiErrors.ServerError();
            case FaultKind.ServiceUnavailable:
                return OpenAiErrors.ServiceUnavailable();
            default:
                return null;
        }
    }
}
