using System.Text.Json;
using UsageAlerts.Configuration;
using UsageAlerts.Jobs;

namespace UsageAlerts.Deployment.Tests;

/// <summary>Security settings, role assignments and app settings in the compiled ARM template of infra/main.bicep.</summary>
[Collection(BicepRuns.Name)]
public sealed class TemplateTests(BicepFixture bicep)
{
    /// <summary>Settings that break or are ignored on Flex Consumption (the runtime comes from functionAppConfig).</summary>
    private static readonly string[] FlexForbiddenSettings =
        ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_TIME_ZONE", "TZ"];

    /// <summary>The library's compiled schedule defaults, by job.</summary>
    private static readonly Dictionary<string, string> DefaultSchedules =
        JobNames.All.ToDictionary(job => job, job => new ScheduleOptions().ExpressionFor(job), StringComparer.Ordinal);

    private JsonElement Template => bicep.Template;

    [Fact]
    public void StorageAccount_HasNoKeysNoPublicBlobsAndTls12()
    {
        var properties = Arm.Single(Template, "Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(Arm.Bool(properties, "allowSharedKeyAccess"));
        Assert.False(Arm.Bool(properties, "allowBlobPublicAccess"));
        Assert.True(Arm.Bool(properties, "supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", Arm.Text(properties, "minimumTlsVersion"));
    }

    [Fact]
    public void KeyVault_UsesRbacAndSoftDelete()
    {
        var properties = Arm.Single(Template, "Microsoft.KeyVault/vaults").GetProperty("properties");

        Assert.True(Arm.Bool(properties, "enableRbacAuthorization"));
        Assert.True(Arm.Bool(properties, "enableSoftDelete"));
        // The service rejects an explicit false, so the property is null unless purge protection is wanted.
        Assert.Equal("[if(parameters('enablePurgeProtection'), true(), null())]", Arm.Text(properties, "enablePurgeProtection"));
    }

    [Fact]
    public void ApplicationInsights_DisablesLocalAuth()
    {
        var properties = Arm.Single(Template, "Microsoft.Insights/components").GetProperty("properties");

        Assert.True(Arm.Bool(properties, "disableLocalAuth"));
    }

    [Fact]
    public void FunctionApp_IsFlexConsumptionDotnetIsolated10()
    {
        var plan = Arm.Single(Template, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", Arm.Text(plan, "sku.name"));
        Assert.Equal("FlexConsumption", Arm.Text(plan, "sku.tier"));
        Assert.True(Arm.Bool(plan, "properties.reserved"));

        var site = Arm.Single(Template, "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", Arm.Text(site, "kind"));
        Assert.Contains("'azd-service-name', 'api'", Arm.Text(site, "tags"), StringComparison.Ordinal);
        Assert.True(Arm.Bool(site, "properties.httpsOnly"));
        Assert.Equal("1.2", Arm.Text(site, "properties.siteConfig.minTlsVersion"));
        Assert.Equal("Disabled", Arm.Text(site, "properties.siteConfig.ftpsState"));
        Assert.Equal("[parameters('identityId')]", Arm.Text(site, "properties.keyVaultReferenceIdentity"));

        var config = Arm.Get(site, "properties.functionAppConfig")!.Value;
        Assert.Equal("dotnet-isolated", Arm.Text(config, "runtime.name"));
        Assert.Equal("10.0", Arm.Text(config, "runtime.version"));
        Assert.Equal("[parameters('instanceMemoryMB')]", Arm.Text(config, "scaleAndConcurrency.instanceMemoryMB"));
        Assert.Equal("blobContainer", Arm.Text(config, "deployment.storage.type"));
        Assert.Equal("UserAssignedIdentity", Arm.Text(config, "deployment.storage.authentication.type"));

        var module = ApiModuleTemplate();
        Assert.Equal(2048, module.GetProperty("parameters").GetProperty("instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Equal(40, Template.GetProperty("parameters").GetProperty("maximumInstanceCount").GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public void FunctionApp_SetsNoSettingThatBreaksFlex()
    {
        var names = AppSettings().Keys.Concat(SiteConfigAppSettingNames()).ToList();

        Assert.Empty(names.Intersect(FlexForbiddenSettings, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void EveryAppSetting_IsReadByTheApp_OrByTheFunctionsHost()
    {
        Assert.Empty(SiteConfigAppSettingNames());
        var settings = AppSettings();
        var read = SettingsReadByTheApp.Of(settings.ToDictionary(s => s.Key, s => PlaceholderFor(s.Key)));

        var unread = settings.Keys
            .Where(name => !read.Contains(name) && !name.StartsWith(SettingsReadByTheApp.HostStoragePrefix, StringComparison.Ordinal) && !SettingsReadByTheApp.Telemetry.Contains(name))
            .ToList();
        Assert.True(unread.Count == 0, "app settings infra sets that nothing reads: " + string.Join(", ", unread));
        Assert.Contains("AZURE_CLIENT_ID", read);
        Assert.All(SettingsReadByTheApp.Telemetry, name => Assert.Contains(name, settings.Keys));

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("rules.json", settings["Rules__Path"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal(settings["AzureWebJobsStorage__tableServiceUri"], settings["Storage__TableServiceUri"]);
    }

    [Fact]
    public void EveryScheduleATimerReads_IsAnAppSettingInfraSets()
    {
        var settings = AppSettings();
        foreach (var timer in FunctionsMetadata.Load().Where(f => f.Schedule is not null))
        {
            var name = timer.Schedule!.Trim('%').Replace(":", "__", StringComparison.Ordinal);
            Assert.True(settings.ContainsKey(name), $"{timer.Name} reads {timer.Schedule}, but infra sets no app setting {name}.");
        }
    }

    [Fact]
    public void Schedules_DefaultsLiveInOneVariableAndFeedTheAppSettings()
    {
        var defaults = Arm.Variable(Template, "defaultSchedules").Deserialize<Dictionary<string, string>>();
        Assert.Equal(DefaultSchedules, defaults);

        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "schedules.json")));
        Assert.Equal(DefaultSchedules, file.RootElement.Deserialize<Dictionary<string, string>>());

        var settings = AppSettings();
        foreach (var job in DefaultSchedules.Keys)
        {
            Assert.Equal($"[parameters('schedules').{job}]", settings[$"Schedules__{job}"]);
        }
    }

    [Fact]
    public void RoleAssignments_AreExactlyTheExpectedSet()
    {
        string[] expected =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b Microsoft.Storage/storageAccounts ServicePrincipal", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88 Microsoft.Storage/storageAccounts ServicePrincipal", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 Microsoft.Storage/storageAccounts ServicePrincipal", // Storage Table Data Contributor
            "3913510d-42f4-4e42-8a64-420c390055eb Microsoft.Insights/components ServicePrincipal", // Monitoring Metrics Publisher
            "4633458b-17de-408a-b874-0445c86b69e6 Microsoft.KeyVault/vaults ServicePrincipal", // Key Vault Secrets User
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7 Microsoft.KeyVault/vaults [parameters('userPrincipalType')]", // Key Vault Secrets Officer (deploying user)
        ];

        var actual = new List<string>();
        foreach (var (assignment, template) in Arm.OfType(Template, "Microsoft.Authorization/roleAssignments"))
        {
            var scope = Arm.Text(assignment, "scope");
            var principal = Arm.Text(assignment, "properties.principalId");
            var roleDefinition = Arm.Text(assignment, "properties.roleDefinitionId");
            const string prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
            Assert.StartsWith(prefix, roleDefinition, StringComparison.Ordinal);
            var roleId = roleDefinition[prefix.Length..^2];

            // name = guid(scope, principalId, roleId)
            Assert.Equal($"[guid({scope[1..^1]}, {principal[1..^1]}, {roleId})]", Arm.Text(assignment, "name"));

            var scopeType = scope.Split('\'')[1];
            var principalType = Arm.Text(assignment, "properties.principalType");
            actual.AddRange(Arm.Guids(roleId, template).Select(guid => $"{guid} {scopeType} {principalType}"));
        }

        AssertSameSet(expected, actual, "role assignments (role, scope, principal type)");

        var officer = Arm.OfType(Template, "Microsoft.Authorization/roleAssignments")
            .Single(r => Arm.Text(r.Resource, "properties.principalId") == "[parameters('userPrincipalId')]").Resource;
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", Arm.Text(officer, "condition"));
        Assert.Equal("User", Template.GetProperty("parameters").GetProperty("principalType").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Outputs_GiveAzdWhatItNeeds()
    {
        string[] expected =
        [
            "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_URI",
            "AZURE_KEY_VAULT_NAME", "AZURE_KEY_VAULT_URI", "AZURE_STORAGE_ACCOUNT_NAME", "DASHBOARD_URL",
        ];
        var outputs = Template.GetProperty("outputs");

        AssertSameSet(expected, outputs.EnumerateObject().Select(o => o.Name), "outputs");
        Assert.EndsWith("/api/dashboard', reference('api').outputs.uri.value)]", Arm.Text(outputs, "DASHBOARD_URL.value"), StringComparison.Ordinal);
    }

    [Fact]
    public void Main_TargetsTheSubscriptionAndCreatesATaggedResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate", Arm.Text(Template, "$schema"), StringComparison.Ordinal);

        var group = Arm.Single(Template, "Microsoft.Resources/resourceGroups");
        Assert.Equal("[parameters('environmentName')]", Arm.Text(Template, "variables.tags.azd-env-name"));
        Assert.Equal("[variables('tags')]", Arm.Text(group, "tags"));
    }

    [Fact]
    public void ParametersFile_MapsAzdEnvironmentToExistingParameters()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "main.parameters.json")));
        var values = file.RootElement.GetProperty("parameters");
        var declared = Template.GetProperty("parameters");

        Assert.Equal("${AZURE_ENV_NAME}", Arm.Text(values, "environmentName.value"));
        Assert.Equal("${AZURE_LOCATION}", Arm.Text(values, "location.value"));
        Assert.Equal("${AZURE_PRINCIPAL_ID}", Arm.Text(values, "principalId.value"));
        foreach (var parameter in values.EnumerateObject())
        {
            Assert.True(declared.TryGetProperty(parameter.Name, out _), $"main.bicep has no parameter '{parameter.Name}'.");
        }
    }

    private static void AssertSameSet(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        var duplicates = actual.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(
            missing.Count + extra.Count + duplicates.Count == 0,
            $"{what}:\n  missing: {string.Join(", ", missing)}\n  unexpected: {string.Join(", ", extra)}\n  duplicated: {string.Join(", ", duplicates)}");
    }

    private Dictionary<string, string> AppSettings()
    {
        var config = Arm.OfType(Template, "Microsoft.Web/sites/config")
            .Single(r => Arm.Text(r.Resource, "name").Contains("'appsettings'", StringComparison.Ordinal)).Resource;
        return config.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
    }

    /// <summary>A value of the right shape for a setting whose value in the template is an ARM expression.</summary>
    private static string PlaceholderFor(string name) => name switch
    {
        _ when name.EndsWith("Uri", StringComparison.Ordinal) || name.EndsWith("Url", StringComparison.Ordinal) => "https://example.invalid/",
        _ when name.StartsWith("Schedules__", StringComparison.Ordinal) => "0 0 * * * *",
        "Rules__Path" => "rules.json",
        "AZURE_CLIENT_ID" => "00000000-0000-0000-0000-000000000000",
        _ => "placeholder",
    };

    private IEnumerable<string> SiteConfigAppSettingNames() =>
        Arm.Get(Arm.Single(Template, "Microsoft.Web/sites"), "properties.siteConfig.appSettings") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(s => Arm.Text(s, "name"))
            : [];

    private JsonElement ApiModuleTemplate() =>
        Arm.OfType(Template, "Microsoft.Resources/deployments")
            .Single(r => Arm.Text(r.Resource, "name") == "api").Resource
            .GetProperty("properties").GetProperty("template");
}
