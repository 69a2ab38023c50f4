using Shipgate.Config;
using Shipgate.Tests.GitHub;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>deploy.workflow: a release made in GitHub Actions dispatches the deployment its push with the job's token cannot start.</summary>
public sealed class DeployDispatchTests
{
    private const string Deploy = "deploy:\n  workflow: deploy.yml\n  ref_input: tag\n";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_release_approved_in_the_environment_dispatches_the_deploy_workflow_for_its_tag()
    {
        await using var r = await ActionsRelease.StartAsync(ActionsRelease.Config() + Deploy);
        var (_, digest, word) = await r.PlanAsync();
        r.Approvals(ActionsRelease.Approved(ActionsRelease.Reviewer, word));

        var released = await r.ReleaseAsync(digest);

        Assert.True(released.Code == ExitCode.Success, released.Output);
        var releaseId = r.GitHub.LastRecord().GetProperty("release_id").GetString()!;
        var dispatch = Assert.Single(r.Repo.Dispatches);
        Assert.Equal("deploy.yml", dispatch.Workflow);
        Assert.Equal("main", dispatch.Ref);
        Assert.Equal(new Dictionary<string, string> { ["tag"] = releaseId }, dispatch.Inputs);
        GitHubRelease.AssertWireClean(r.GitHub.GitHub);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_release_at_a_terminal_dispatches_nothing()
    {
        await using var r = await GitHubRelease.StartAsync(GitHubStory.Build(GitHubRelease.Config() + Deploy), GitHubStory.Seed);

        var released = await r.ReleaseAsync();

        Assert.True(released.Code == ExitCode.Success, released.Output);
        Assert.Empty(r.Repo.Dispatches);
    }

    [Theory]
    [InlineData("deploy:\n  workflow: .github/workflows/deploy.yml\n", "deploy.workflow")]
    [InlineData("deploy:\n  workflow: deploy.sh\n", "deploy.workflow")]
    [InlineData("deploy:\n  workflow: deploy.yml\n  ref_input: \"the tag\"\n", "deploy.ref_input")]
    public void A_bad_workflow_or_input_name_is_refused_naming_the_key(string yaml, string key)
    {
        var refused = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml", ShipgateConfig.Default));
        Assert.Contains(key, refused.Message);
    }

    [Fact]
    public void The_defaults_dispatch_nothing_and_name_the_ref_input_ref()
    {
        var config = ConfigLoader.Parse("deploy:\n  workflow: \"12345\"\n", ".shipgate.yml", ShipgateConfig.Default);
        Assert.Equal("12345", config.DeployWorkflow);
        Assert.Equal("ref", config.DeployRefInput);
        Assert.Null(ShipgateConfig.Default.DeployWorkflow);
    }
}
