using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace UsageAlerts.Deployment.Tests;

/// <summary>azure.yaml parses, follows azd's schema and points at a real Functions project.</summary>
public sealed class AzureYamlTests
{
    private static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "Specs", "azure.yaml.schema.json");

    private static readonly Lazy<JsonNode> AzureYaml = new(() => ToJson(LoadYaml(Repo.File("azure.yaml"))) ?? throw new InvalidOperationException("azure.yaml is empty."));

    private static JsonNode Doc => AzureYaml.Value;

    private static JsonNode Api => Doc["services"]?["api"] ?? throw new Xunit.Sdk.XunitException("azure.yaml has no services.api.");

    [Fact]
    public void AzureYaml_DescribesTheApiFunctionService()
    {
        Assert.Equal("usage-alerts", (string?)Doc["name"]);
        Assert.Equal("usage-alerts@0.1.0", (string?)Doc["metadata"]?["template"]);
        Assert.Equal("./src/UsageAlerts.Functions", (string?)Api["project"]);
        Assert.Equal("dotnet", (string?)Api["language"]);
        Assert.Equal("function", (string?)Api["host"]);
    }

    [Fact]
    public void AzureYaml_ServiceProjectFolderHoldsACsproj()
    {
        var folder = Path.GetFullPath(Path.Combine(Repo.Root, (string)Api["project"]!));

        Assert.True(Directory.Exists(folder), $"{folder} does not exist.");
        Assert.NotEmpty(Directory.GetFiles(folder, "*.csproj"));
    }

    /// <summary>
    /// NJsonSchema checks types, required properties, patterns and additionalProperties of the draft 2019-09 schema,
    /// but ignores if/then/else (draft 7+). The host-specific rules azd puts there are checked in the next test.
    /// </summary>
    [Fact]
    public async Task AzureYaml_ValidatesAgainstTheAzdSchema()
    {
        var schema = await LoadSchemaAsync();

        var errors = schema.Validate(Doc.ToJsonString());

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => e.ToString())));

        // The validator is really applying the schema: a name azd rejects must fail.
        var bad = Doc.DeepClone();
        bad["name"] = "Usage_Alerts";
        Assert.NotEmpty(schema.Validate(bad.ToJsonString()));
    }

    /// <summary>The schema's if/then rules for <c>host: function</c>, which NJsonSchema does not evaluate.</summary>
    [Fact]
    public void AzureYaml_FollowsTheSchemasFunctionHostRules()
    {
        var service = Api.AsObject();

        Assert.True(service.ContainsKey("project") ^ service.ContainsKey("image"), "A function service needs exactly one of project and image.");
        Assert.DoesNotContain(service, p => p.Key is "k8s" or "apiVersion" or "env");
        Assert.NotEqual("docker", (string?)service["language"]);
    }

    private static async Task<JsonSchema> LoadSchemaAsync()
    {
        Assert.True(
            File.Exists(SchemaPath),
            $"The azd schema is missing: expected {SchemaPath} (tests/UsageAlerts.Deployment.Tests/Specs). Without it azure.yaml is not validated.");
        return await JsonSchema.FromFileAsync(SchemaPath);
    }

    private static YamlNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Single().RootNode;
    }

    /// <summary>YAML to JSON with plain scalars typed as YAML 1.2's core schema does (bool, null, numbers).</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.Plain } scalar => JsonValue.Create(scalar.Value),
        YamlScalarNode { Value: null or "" or "~" or "null" } => null,
        YamlScalarNode { Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Value: "false" } => JsonValue.Create(false),
        YamlScalarNode scalar when long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
