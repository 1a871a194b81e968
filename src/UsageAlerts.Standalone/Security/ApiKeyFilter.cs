using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration.Secrets;

namespace UsageAlerts.Standalone.Security;

/// <summary>
/// Requires the API key on every route it is applied to, read from the same header (<c>x-functions-key</c>) or
/// query parameter (<c>code</c>) Azure Functions uses, so one client works against either host.
/// </summary>
internal sealed class ApiKeyFilter(ISecretStore secrets, IOptions<StandaloneOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        var expected = await secrets.GetRequiredAsync(options.Value.ApiKeySecretName, context.HttpContext.RequestAborted);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send the API key in the x-functions-key header (or the code query parameter).");
        }

        return await next(context);
    }
}
