using System.Text.Json;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Api;

/// <summary><c>GET /v1/organization/projects</c> and <c>GET /v1/organization/projects/{id}/rate_limits</c>.</summary>
internal static class ProjectsEndpoint
{
    public static JsonBody List(HttpContext http, SimulatorState state)
    {
        var query = new QueryReader(http.Request.Query);
        var limit = query.Int("limit", 20, 1, 100);
        var includeArchived = query.Bool("include_archived") ?? false;
        var projects = state.Organization.Projects.Where(p => includeArchived || p.ArchivedAt is null).ToList();
        return ListResponder.Respond(projects, p => p.Id, query.String("after"), limit, WriteProject);
    }

    public static IResult RateLimits(HttpContext http, string projectId, SimulatorState state)
    {
        var query = new QueryReader(http.Request.Query);
        var limit = query.Int("limit", 100, 1, 100);
        if (!state.Organization.TryGetRateLimits(projectId, out var limits))
        {
            // This endpoint's 404 has no "error" envelope, unlike the rest of the API.
            return JsonBody.Write(
                writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("code", StatusCodes.Status404NotFound);
                    writer.WriteString("message", $"The project {projectId} was not found");
                    writer.WriteEndObject();
                },
                StatusCodes.Status404NotFound);
        }

        return ListResponder.Respond(limits, l => l.Id, query.String("after"), limit, WriteRateLimit);
    }

    private static void WriteProject(Utf8JsonWriter writer, SimProject project)
    {
        writer.WriteStartObject();
        writer.WriteString("id", project.Id);
        writer.WriteString("object", "organization.project");
        writer.WriteString("name", project.Name);
        writer.WriteNumber("created_at", project.CreatedAt.ToUnixTimeSeconds());
        if (project.ArchivedAt is { } archived)
        {
            writer.WriteNumber("archived_at", archived.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNull("archived_at");
        }

        writer.WriteString("status", project.Status);
        writer.WriteEndObject();
    }

    private static void WriteRateLimit(Utf8JsonWriter writer, SimRateLimit limit)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "project.rate_limit");
        writer.WriteString("id", limit.Id);
        writer.WriteString("model", limit.Model);
        writer.WriteNumber("max_requests_per_1_minute", limit.MaxRequestsPer1Minute);
        writer.WriteNumber("max_tokens_per_1_minute", limit.MaxTokensPer1Minute);
        WriteOptional(writer, "max_images_per_1_minute", limit.MaxImagesPer1Minute);
        WriteOptional(writer, "max_audio_megabytes_per_1_minute", limit.MaxAudioMegabytesPer1Minute);
        WriteOptional(writer, "max_requests_per_1_day", limit.MaxRequestsPer1Day);
        WriteOptional(writer, "batch_1_day_max_input_tokens", limit.Batch1DayMaxInputTokens);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } present)
        {
            writer.WriteNumber(name, present);
        }
    }
}
