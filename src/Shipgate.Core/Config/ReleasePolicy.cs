using Shipgate.Git;
namespace Shipgate.Config;

/// <summary>
/// Where the operator says the release policy lives: the remote and the branches whose committed
/// <c>.shipgate.yml</c> is read. It cannot come from the file itself (the file is what is being
/// located), nor from the working tree (a merged pull request or an uncommitted edit would then
/// choose the gate that checks it). Defaults origin, main and staging; the environment overrides.
/// </summary>
internal sealed record PolicyLocation(string Remote, string ProductionBranch, string StagingBranch)
{
    public const string RemoteVariable = "SHIPGATE_REMOTE";
    public const string ProductionVariable = "SHIPGATE_PRODUCTION_BRANCH";
    public const string StagingVariable = "SHIPGATE_STAGING_BRANCH";

    public static PolicyLocation Default { get; } = new("origin", "main", "staging");

    public static PolicyLocation FromEnvironment(Func<string, string?> environment) => new(
        Named(environment, RemoteVariable, Default.Remote, GitRefName.RemoteProblem),
        Named(environment, ProductionVariable, Default.ProductionBranch, GitRefName.BranchProblem),
        Named(environment, StagingVariable, Default.StagingBranch, GitRefName.BranchProblem));

    private static string Named(Func<string, string?> environment, string variable, string fallback, Func<string, string?> problem)
    {
        var value = environment(variable)?.Trim();
        if (string.IsNullOrEmpty(value)) return fallback;
        return problem(value) is { } why ? throw new UsageException($"{variable}: '{value}' is not a valid git name: {why}.") : value;
    }
}

/// <summary>
/// Where the release policy was read: a file in a commit of the remote, never the working tree.
/// <see cref="StagingFallback"/> is set before the first release put a policy on production, when
/// staging's committed file is used, and every screen and record says so.
/// </summary>
/// <param name="Commit">The branch's tip the file was read at; null when the remote lacks the branch.</param>
/// <param name="BlobSha">The file's blob; null when no branch had one and the defaults apply.</param>
internal sealed record PolicySource(string Remote, string Branch, string? Commit, string Path, string? BlobSha, bool StagingFallback)
{
    public string Ref => "refs/heads/" + Branch;

    /// <summary>The file as git names it, like origin/main:.shipgate.yml.</summary>
    public string Display => $"{Remote}/{Branch}:{Path}";
}

/// <summary>
/// The release policy every command works under: the parsed <c>.shipgate.yml</c> and where it came
/// from, with the remote's production and staging tips as they were when it was read.
/// </summary>
internal sealed record ReleasePolicy(ShipgateConfig Config, PolicySource Source, string? ProductionTip, string? StagingTip)
{
    /// <summary>
    /// The record that accounts for the production commit the policy was read at: the last release, or the review that
    /// acknowledged the direct pushes after it. Null before the first release (production's tip, or staging's fallback).
    /// </summary>
    public string? AccountedBy { get; init; }

    /// <summary>A policy at production's tip that no release or review accounts for; pre-flight refuses it. Null when there is none.</summary>
    public UnaccountedPolicy? Unaccounted { get; init; }

    /// <summary>Whether a file named the settings (false: Shipgate's defaults).</summary>
    public bool FromFile => Source.BlobSha is not null;

    /// <summary>
    /// Null when the tips a release goes on with are those the policy was read at; otherwise why
    /// not. Production moving means the policy may be stale; under the fallback, staging too.
    /// </summary>
    public string? MovedSince(string production, string staging)
    {
        if (production != ProductionTip) return Moved(Config.ProductionBranch, ProductionTip, production);
        if (Source.StagingFallback && staging != StagingTip) return Moved(Config.StagingBranch, StagingTip, staging);
        return null;
    }

    private string Moved(string branch, string? before, string now) =>
        $"'{Config.Remote}/{branch}' moved while Shipgate was reading it (the release policy was read at {Short(before)}; it is now at {Short(now)}). " +
        "Run shipgate release again.";

    /// <summary>
    /// Stops when the file names another remote or branch than the one it was read from: the
    /// operator then names the right one, so a policy is always read where it says it lives.
    /// </summary>
    public static void RequireSameLocation(ShipgateConfig config, PolicyLocation location, PolicySource source) =>
        RequireSameLocation(config, location, source.Display, source.StagingFallback);

    /// <param name="display">How messages name the file.</param>
    /// <param name="stagingFallback">True when the file was read from staging (production has none): staging must match too.</param>
    public static void RequireSameLocation(ShipgateConfig config, PolicyLocation location, string display, bool stagingFallback)
    {
        var named = new (string Key, string Said, string Used, string Variable, bool Applies)[]
        {
            ("remote", config.Remote, location.Remote, PolicyLocation.RemoteVariable, true),
            ("branches.production", config.ProductionBranch, location.ProductionBranch, PolicyLocation.ProductionVariable, true),
            ("branches.staging", config.StagingBranch, location.StagingBranch, PolicyLocation.StagingVariable, stagingFallback),
        };
        foreach (var (key, said, used, variable, applies) in named)
        {
            if (!applies || said == used) continue;
            throw new UsageException(
                $"{display} sets {key}: {said}, but Shipgate read the release policy from '{used}'.\n" +
                $"Shipgate reads the policy where you point it: run with {variable}={said} (see README, Security).");
        }
    }

    private static string Short(string? sha) => Sha.Short(sha, "nothing");
}
