using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Tests.Summaries;

public sealed class LineItemTests
{
    [Theory]
    [InlineData("gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06")]
    [InlineData("gpt-4o-2024-08-06, cached input", "gpt-4o-2024-08-06")]
    [InlineData("ft-gpt-4o-2024-08-06, output", "ft-gpt-4o-2024-08-06")]
    [InlineData("evals | gpt-4o-mini-2024-07-18, input", "gpt-4o-mini-2024-07-18")]
    [InlineData("batch | evals | o3, output", "o3")]
    [InlineData("assistants api | file search", null)]
    [InlineData("web search / tool #calls?", null)]
    [InlineData("file search, storage", null)]
    [InlineData(", input", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_model_of_a_line_item_is_its_leading_model_name(string? lineItem, string? model) =>
        Assert.Equal(model, LineItems.ModelOf(lineItem));
}
