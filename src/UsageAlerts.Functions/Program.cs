using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UsageAlerts;
using UsageAlerts.Functions;

// The Azure Functions host: Timers/ and Http/ hold one thin trigger per job and route; the library does the rest.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddUsageAlerts(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Build().Run();
