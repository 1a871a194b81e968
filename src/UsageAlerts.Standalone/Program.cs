using UsageAlerts.Standalone;

await using var app = await StandaloneApp.BuildAsync(args);
await app.RunAsync();
