using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace UsageAlerts.Http;

/// <summary>The one entry point both hosts use to serve a route.</summary>
public sealed class HttpRoutes(IServiceProvider services)
{
    public Task<HttpReply> HandleAsync(string route, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var handler = services.GetKeyedService<IRouteHandler>(route)
            ?? throw new ArgumentException($"No route named '{route}'.", nameof(route));
        return handler.HandleAsync(request, cancellationToken);
    }
}
