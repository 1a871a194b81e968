using UsageAlerts.Http;

namespace UsageAlerts.Summaries;

/// <summary>A request the summaries cannot serve because of one query parameter; becomes a 400 problem document.</summary>
internal sealed class BadParameterException(string parameter, string title, string detail) : Exception(detail)
{
    public string Parameter { get; } = parameter;

    public string Title { get; } = title;

    public HttpReply ToReply() => HttpReply.Problem(400, Title, Message, Parameter);
}
