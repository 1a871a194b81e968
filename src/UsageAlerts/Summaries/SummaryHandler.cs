using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UsageAlerts.Http;

namespace UsageAlerts.Summaries;

/// <summary>
/// <c>GET /api/summary</c>: spend and usage over a range, grouped and filtered; JSON, or CSV with <c>format=csv</c>
/// or <c>Accept: text/csv</c>.
/// </summary>
internal sealed class SummaryHandler(SummaryQueryParser parser, SummaryService summaries, ILogger<SummaryHandler> logger) : IRouteHandler
{
    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var query = parser.Parse(request);
            var document = await summaries.SummarizeAsync(query, cancellationToken);
            if (query.Format == SummaryFormat.Json)
            {
                return HttpReply.Json(document);
            }

            return HttpReply.Text(SummaryCsv.Render(document, query.GroupBy), "text/csv; charset=utf-8; header=present")
                .WithHeader("Content-Disposition", $"attachment; filename=\"{SummaryCsv.FileName(document)}\"");
        }
        catch (BadParameterException problem)
        {
            SummariesLog.Rejected(logger, RouteNames.Summary, problem.Parameter, problem.Title);
            return problem.ToReply();
        }
        catch (TooManyGroupsException tooMany)
        {
            SummariesLog.Rejected(logger, RouteNames.Summary, "groupBy", "too many groups");
            return HttpReply.Problem(400, "Too many groups", tooMany.Message, "groupBy");
        }
    }
}
