using System.Text.Json;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// Hard spend limits (<c>GET</c>/<c>POST</c>/<c>DELETE …/spend_limit</c>) and spend alerts (list, create, get,
/// update by <c>POST</c>, delete) of the organization (project null) and its projects, as the OpenAPI description
/// has them: amounts in integer cents, <c>"USD"</c>, <c>"month"</c>. An organization without a limit answers the
/// documented zero threshold; a project without one answers 404.
/// </summary>
internal static class SpendControlsEndpoint
{
    public static IResult GetLimit(string? projectId, SimulatorState state)
    {
        if (Unknown(projectId, state) is { } missing)
        {
            return missing;
        }

        var limit = state.Organization.SpendLimit(projectId);
        return limit is null && projectId is not null
            ? NotFound($"No spend limit is set for project {projectId}.")
            : WriteLimit(projectId, limit);
    }

    public static async Task<IResult> SetLimit(HttpContext http, string? projectId, SimulatorState state)
    {
        if (Unknown(projectId, state) is { } missing)
        {
            return missing;
        }

        using var body = await ReadBodyAsync(http);
        var cents = ReadTerms(body.RootElement);
        return WriteLimit(projectId, state.Organization.SetSpendLimit(projectId, cents));
    }

    public static IResult DeleteLimit(string? projectId, SimulatorState state) =>
        Unknown(projectId, state) ?? Deleted(projectId is null ? "organization.spend_limit.deleted" : "project.spend_limit.deleted", null, state.Organization.DeleteSpendLimit(projectId));

    public static IResult ListAlerts(HttpContext http, string? projectId, SimulatorState state)
    {
        if (Unknown(projectId, state) is { } missing)
        {
            return missing;
        }

        var query = new QueryReader(http.Request.Query);
        var limit = query.Int("limit", 20, 1, 100);
        var order = query.Array("order", ["asc", "desc"]);
        var alerts = state.Organization.SpendAlerts(projectId);
        return ListResponder.Respond(order.Contains("desc") ? [.. alerts.Reverse()] : alerts, a => a.Id, query.String("after"), limit, (writer, alert) => WriteAlert(writer, projectId, alert));
    }

    public static IResult GetAlert(string? projectId, string alertId, SimulatorState state) =>
        Unknown(projectId, state)
        ?? (state.Organization.SpendAlerts(projectId).FirstOrDefault(a => a.Id == alertId) is { } alert
            ? JsonBody.Write(writer => WriteAlert(writer, projectId, alert))
            : NotFound($"No spend alert found with id '{alertId}'."));

    /// <summary>Creates (<paramref name="alertId"/> null) or replaces an alert; the full body is required either way.</summary>
    public static async Task<IResult> SaveAlert(HttpContext http, string? projectId, string? alertId, SimulatorState state)
    {
        if (Unknown(projectId, state) is { } missing)
        {
            return missing;
        }

        using var body = await ReadBodyAsync(http);
        var root = body.RootElement;
        var cents = ReadTerms(root);
        if (!root.TryGetProperty("notification_channel", out var channel) || channel.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException("notification_channel", "Missing required parameter: 'notification_channel'.", "missing_required_parameter");
        }

        if (!channel.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "email")
        {
            throw new InvalidRequestException("notification_channel.type", "Invalid value for 'notification_channel.type': only 'email' is supported.");
        }

        if (!channel.TryGetProperty("recipients", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0
            || list.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(r.GetString())))
        {
            throw new InvalidRequestException("notification_channel.recipients", "'notification_channel.recipients' must be a non-empty array of e-mail addresses.");
        }

        var prefix = channel.TryGetProperty("subject_prefix", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var saved = state.Organization.SaveSpendAlert(projectId, alertId, cents, [.. list.EnumerateArray().Select(r => r.GetString()!)], prefix);
        return saved is null ? NotFound($"No spend alert found with id '{alertId}'.") : JsonBody.Write(writer => WriteAlert(writer, projectId, saved));
    }

    public static IResult DeleteAlert(string? projectId, string alertId, SimulatorState state) =>
        Unknown(projectId, state)
        ?? (state.Organization.DeleteSpendAlert(projectId, alertId)
            ? Deleted(projectId is null ? "organization.spend_alert.deleted" : "project.spend_alert.deleted", alertId, true)
            : NotFound($"No spend alert found with id '{alertId}'."));

    private static JsonBody? Unknown(string? projectId, SimulatorState state) =>
        projectId is not null && !state.Organization.IsProject(projectId) ? NotFound($"No project found with id '{projectId}'.") : null;

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            throw new InvalidRequestException("body", "We could not parse the JSON body of your request.", "invalid_json");
        }
    }

    private static long ReadTerms(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException("body", "The request body must be a JSON object.", "invalid_json");
        }

        if (!root.TryGetProperty("threshold_amount", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetInt64(out var cents) || cents < 1)
        {
            throw new InvalidRequestException("threshold_amount", "'threshold_amount' must be an integer number of cents of at least 1.");
        }

        Require(root, "currency", "USD");
        Require(root, "interval", "month");
        return cents;
    }

    private static void Require(JsonElement root, string name, string only)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() != only)
        {
            throw new InvalidRequestException(name, $"Invalid value for '{name}': only '{only}' is supported.");
        }
    }

    private static JsonBody WriteLimit(string? projectId, SimSpendLimit? limit) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("object", projectId is null ? "organization.spend_limit" : "project.spend_limit");
        writer.WriteNumber("threshold_amount", limit?.ThresholdCents ?? 0);
        writer.WriteString("currency", "USD");
        writer.WriteString("interval", "month");
        writer.WriteStartObject("enforcement");
        writer.WriteString("status", limit?.Enforcing == true ? "enforcing" : "inactive");
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static void WriteAlert(Utf8JsonWriter writer, string? projectId, SimSpendAlert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id);
        writer.WriteString("object", projectId is null ? "organization.spend_alert" : "project.spend_alert");
        writer.WriteNumber("threshold_amount", alert.ThresholdCents);
        writer.WriteString("currency", "USD");
        writer.WriteString("interval", "month");
        writer.WriteStartObject("notification_channel");
        writer.WriteString("type", "email");
        writer.WriteStartArray("recipients");
        foreach (var recipient in alert.Recipients)
        {
            writer.WriteStringValue(recipient);
        }

        writer.WriteEndArray();
        writer.WriteString("subject_prefix", alert.SubjectPrefix);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static JsonBody Deleted(string type, string? id, bool deleted) => JsonBody.Write(writer =>
    {
        writer.WriteStartObject();
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteString("object", type);
        writer.WriteBoolean("deleted", deleted);
        writer.WriteEndObject();
    });

    private static JsonBody NotFound(string message) =>
        JsonBody.Write(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("error");
                writer.WriteString("message", message);
                writer.WriteString("type", "invalid_request_error");
                writer.WriteNull("param");
                writer.WriteNull("code");
                writer.WriteEndObject();
                writer.WriteEndObject();
            },
            StatusCodes.Status404NotFound);
}
