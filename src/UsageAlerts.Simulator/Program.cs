using UsageAlerts.Simulator;

// Standalone: dotnet run --project src/UsageAlerts.Simulator -- --urls http://127.0.0.1:5099 --Simulator:Projects=50
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var options = configuration.GetSection("Simulator").Get<SimulatorOptions>() ?? new SimulatorOptions();
SimulatorServer server;
try
{
    server = await SimulatorServer.StartAsync(options, TimeProvider.System, configuration["urls"] ?? "http://127.0.0.1:5099");
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}

await using (server)
{
    var defaultKey = new SimulatorOptions().AdminKey;
    Console.WriteLine($"UsageAlerts simulator listening on {server.BaseAddress}");
    Console.WriteLine($"  OpenAI admin API: {server.OpenAiBaseAddress}organization/...");
    Console.WriteLine(options.AdminKey == defaultKey
        ? $"  Admin key: {defaultKey} (the built-in default; set Simulator:AdminKey to change it)"
        : $"  Admin key: the one set in Simulator:AdminKey (ends with '{options.AdminKey[^Math.Min(4, options.AdminKey.Length)..]}')");
    Console.WriteLine($"  Webhook sinks: {server.BaseAddress}sink/teams/{{name}}, {server.BaseAddress}sink/slack/{{name}}; control API: {server.BaseAddress}_sim/");
    Console.WriteLine($"  {options.Projects} projects, {options.Models} models, {options.Days} days of history. Ctrl+C to stop.");
    await server.WaitForShutdownAsync();
}

return 0;
