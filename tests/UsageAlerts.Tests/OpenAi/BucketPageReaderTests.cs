using UsageAlerts.OpenAi;

namespace UsageAlerts.Tests.OpenAi;

public sealed class BucketPageReaderTests
{
    private static string Bucket(long start, int results = 1, long tokens = 1) =>
        $$"""{"object":"bucket","start_time":{{start}},"end_time":{{start + 86400}},"results":[{{string.Join(",", Enumerable.Range(0, results).Select(i => $$"""{"object":"organization.usage.completions.result","input_tokens":{{tokens}},"project_id":"proj_{{i}}"}"""))}}]}""";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Buckets_come_one_by_one_whatever_the_chunks_and_the_envelope_after_them(int chunk)
    {
        var json = $$"""{"object":"page","data":[{{Bucket(0, 2, 5)}},{{Bucket(86400, 0)}},{{Bucket(172800, 1, 7)}}],"has_more":true,"next_page":"page_2"}""";

        var page = await PageReading.UsageAsync(json, chunk: chunk);

        Assert.Equal([2, 0, 1], page.Buckets.Select(b => b.Results.Count));
        Assert.Equal(17, page.Buckets.SelectMany(b => b.Results).Sum(r => r.Metric("input_tokens")));
        Assert.True(page.HasMore);
        Assert.Equal("page_2", page.NextPage);
    }

    [Fact]
    public async Task The_envelope_may_come_first_and_unknown_fields_of_any_shape_are_skipped()
    {
        var json = $$"""{"has_more":false,"next_page":null,"extra":{"a":[1,{"b":2}]},"object":"page","data":[{{Bucket(0)}}],"more":[[]]}""";

        var page = await PageReading.UsageAsync(json);

        Assert.Single(page.Buckets);
        Assert.False(page.HasMore);
        Assert.Null(page.NextPage);
    }

    [Fact]
    public async Task A_bucket_larger_than_the_buffer_is_read_whole()
    {
        // About 5,000 results, some 400 KB: several times the first buffer.
        var json = $$"""{"object":"page","data":[{{Bucket(0, 5000, 3)}},{{Bucket(86400, 1, 4)}}],"has_more":false,"next_page":null}""";

        var page = await PageReading.UsageAsync(json, chunk: 8192);

        Assert.Equal(5000, page.Buckets[0].Results.Count);
        Assert.Equal(15004, page.Buckets.SelectMany(b => b.Results).Sum(r => r.Metric("input_tokens")));
    }

    [Theory]
    [InlineData("""{"start_time":10,"end_time":5,"results":[]}""", "is not after start_time")]
    [InlineData("""{"start_time":0,"end_time":5}""", "no 'results' array")]
    [InlineData("""7""", "a bucket is not an object")]
    [InlineData("""{"start_time":0,"end_time":5,"results":[{"input_tokens":1""", "invalid JSON")]
    public async Task Whole_buckets_before_a_broken_part_are_read_then_the_page_fails_naming_the_endpoint(string broken, string reason)
    {
        var json = $$"""{"object":"page","data":[{{Bucket(0)}},{{Bucket(86400)}},{{broken}}""" + (broken.EndsWith('1') ? "" : """],"has_more":false}""");
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var reader = new BucketPageReader<UsageResult>(body, "organization/usage/completions", r => OpenAiPageParser.ParseUsageResult(r, "organization/usage/completions"));
        var read = new List<Bucket<UsageResult>>();

        var error = await Assert.ThrowsAsync<OpenAiApiException>(async () =>
        {
            await foreach (var bucket in reader.ReadAsync(default))
            {
                read.Add(bucket);
            }
        });

        Assert.Equal(2, read.Count);
        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.StartsWith("organization/usage/completions: malformed response", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
