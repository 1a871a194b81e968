using UsageAlerts.Notifications;
using UsageAlerts.Notifications.Slack;
using UsageAlerts.Notifications.Teams;

namespace UsageAlerts.Tests.Notifications;

/// <summary>Each kind and type of alert, and a digest, rendered in both formats and compared to reviewed golden files.</summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Samples => [.. NoticeSamples.All.Keys];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Teams_output_matches_golden(string sample) =>
        GoldenFiles.AssertMatches($"{sample}.teams.json", NoticeSamples.Render(new TeamsRenderer(), NoticeSamples.All[sample]));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Slack_output_matches_golden(string sample) =>
        GoldenFiles.AssertMatches($"{sample}.slack.json", NoticeSamples.Render(new SlackRenderer(), NoticeSamples.All[sample]));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_sample_is_a_valid_1_4_card_and_a_valid_slack_message(string sample)
    {
        await TeamsCardChecks.AssertValidAsync(NoticeSamples.Render(new TeamsRenderer(), NoticeSamples.All[sample]));
        SlackLimitChecks.AssertWithinLimits(NoticeSamples.Render(new SlackRenderer(), NoticeSamples.All[sample]));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        IChatRenderer[] renderers = [new TeamsRenderer(), new SlackRenderer()];
        foreach (var renderer in renderers)
        {
            Assert.Equal(renderer.Render(NoticeSamples.Grouped), renderer.Render(NoticeSamples.Grouped));
            Assert.Equal(renderer.Render(NoticeSamples.Digest), renderer.Render(NoticeSamples.Digest));
            Assert.Equal(renderer.Render(StressSamples.HostileMessage(3)), renderer.Render(StressSamples.HostileMessage(3)));
        }
    }

    [Fact]
    public void Renderers_say_which_receiver_they_serve()
    {
        Assert.Equal(ReceiverKind.Teams, new TeamsRenderer().Kind);
        Assert.Equal(ReceiverKind.Slack, new SlackRenderer().Kind);
    }
}
