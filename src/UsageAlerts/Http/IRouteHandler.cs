using Microsoft.AspNetCore.Http;

namespace UsageAlerts.Http;

/// <summary>One HTTP route, registered under its <see cref="RouteNames"/> key.</summary>
internal interface IRouteHandler
{
    Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}
