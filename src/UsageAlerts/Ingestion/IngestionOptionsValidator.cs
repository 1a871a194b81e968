using Microsoft.Extensions.Options;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Ingestion;

internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var unknown = options.Kinds.Where(kind => UsageKind.Find(kind) is null).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{IngestionOptions.SectionName}:Kinds: unknown usage endpoint(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; known: {string.Join(", ", UsageKind.All.Select(k => k.Name))}.");
    }
}
