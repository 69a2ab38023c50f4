using Shipgate.Emulators;
using Shipgate.Tests.GitHub;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.ActionsApproval;

/// <summary>
/// A release driven as GitHub Actions drives it: no terminal, the GITHUB_* variables of a run set in the runner's environment
/// (never the process's), the step summary and output files in the scenario's folder, and GitHub (the emulator) answering the
/// run, its approvals and the environment. The plan job runs <c>release --dry-run</c>; the release job <c>release --approved-plan</c>.
/// </summary>
internal sealed class ActionsRelease : IAsyncDisposable
{
    public const long RunId = 5555;
    public const string Starter = "alice";
    public const string Reviewer = "bob";
    public const string EnvironmentName = "production";

    private ActionsRelease(GitHubRelease gitHub) => GitHub = gitHub;

    public GitHubRelease GitHub { get; }
    public ReleaseScenario Scenario => GitHub.Scenario;
    public RepositoryFixture Repo => GitHub.Repo;
    public string SummaryFile => Path.Combine(Scenario.Folder, "step-summary.md");
    public string OutputFile => Path.Combine(Scenario.Folder, "github-output.txt");

    /// <summary>The policy: the GitHub story's configuration, naming the environment unless <paramref name="environment"/> is null.</summary>
    public static string Config(string? environment = EnvironmentName) =>
        GitHubRelease.Config(environment is null ? "" : $"  environment: {environment}\n");

    /// <param name="config">The release policy on main and staging.</param>
    public static async Task<ActionsRelease> StartAsync(string? config = null)
    {
        var gitHub = await GitHubRelease.StartAsync(GitHubStory.Build(config ?? Config()), (repo, git) =>
        {
            GitHubStory.Seed(repo, git);
            repo.Environments[EnvironmentName] = new EnvironmentFixture(EnvironmentName) { Reviewers = [Reviewer, "carol"], PreventSelfReview = true };
            repo.WorkflowRuns.Add(new WorkflowRunFixture(RunId, "Release", git.RemoteSha("main"), "main", Event: "workflow_dispatch", Status: "in_progress",
                Conclusion: null)
            { Path = ".github/workflows/release.yml", Actor = Starter, TriggeringActor = Starter });
        });
        var release = new ActionsRelease(gitHub);
        var runner = gitHub.Scenario.Runner;
        runner.HasTerminal = false;
        runner.Environment["GITHUB_ACTIONS"] = "true";
        runner.Environment["GITHUB_RUN_ID"] = RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        runner.Environment["GITHUB_REPOSITORY"] = "acme/demo";
        runner.Environment["GITHUB_STEP_SUMMARY"] = release.SummaryFile;
        runner.Environment["GITHUB_OUTPUT"] = release.OutputFile;
        return release;
    }

    /// <summary>The plan job: the dry run, and what it wrote to $GITHUB_OUTPUT.</summary>
    public async Task<(RunResult Result, string Digest, string Word)> PlanAsync()
    {
        var result = await Scenario.Runner.RunAsync(["release", "--dry-run"]);
        var outputs = File.ReadAllLines(OutputFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToList();
        return (result, outputs.Last(p => p[0] == "plan_digest")[1], outputs.Last(p => p[0] == "word")[1]);
    }

    /// <summary>The run's review history, as the environment's reviewers left it.</summary>
    public void Approvals(params RunApprovalFixture[] approvals) => GitHub.GitHub.Update(state =>
    {
        var repo = state.Repository("acme/demo");
        var run = repo.WorkflowRuns.Single(r => r.Id == RunId);
        repo.WorkflowRuns[repo.WorkflowRuns.IndexOf(run)] = run with { Approvals = approvals };
    });

    public void Run(Func<WorkflowRunFixture, WorkflowRunFixture> change) => GitHub.GitHub.Update(state =>
    {
        var repo = state.Repository("acme/demo");
        var run = repo.WorkflowRuns.Single(r => r.Id == RunId);
        repo.WorkflowRuns[repo.WorkflowRuns.IndexOf(run)] = change(run);
    });

    public void Environment(EnvironmentFixture environment) =>
        GitHub.GitHub.Update(state => state.Repository("acme/demo").Environments[EnvironmentName] = environment);

    public static RunApprovalFixture Approved(string reviewer, string comment) => new(reviewer, "approved", comment, [EnvironmentName]);

    /// <summary>The release job.</summary>
    public Task<RunResult> ReleaseAsync(string digest) => Scenario.Runner.RunAsync(["release", "--approved-plan", digest]);

    public ValueTask DisposeAsync() => GitHub.DisposeAsync();
}
