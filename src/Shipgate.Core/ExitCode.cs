namespace Shipgate;

/// <summary>The process exit codes Shipgate documents (README "Exit codes"). Scripts depend on them: never renumber.</summary>
internal enum ExitCode
{
    /// <summary>Released, dry run completed, or nothing to release.</summary>
    Success = 0,
    /// <summary>
    /// Something failed while running (git, network), or the release push did not land: refused, a race
    /// lost, not known. Only a split origin (the message says PARTIAL) is left half-done, and it is named.
    /// </summary>
    Error = 1,
    /// <summary>The command line or <c>.shipgate.yml</c> is wrong.</summary>
    Usage = 2,
    /// <summary>A pre-flight gate refused the release (branch, divergence, CI).</summary>
    Blocked = 3,
    /// <summary>The confirmation word was not typed (ABORT, other text, end of input, Ctrl-C), or Ctrl-C stopped the push before any of it landed.</summary>
    Aborted = 4,
    /// <summary>The audit trail failed verification.</summary>
    TrailBroken = 5,
    /// <summary>
    /// No person can type the confirmation word: the process has no controlling terminal (piped input, CI); or no valid confirmation:
    /// a release inside GitHub Actions (--approved-plan) that the policy does not allow or GitHub's answer does not prove. Nothing was changed.
    /// </summary>
    NoTerminal = 6,
    /// <summary>
    /// --wait followed the deployment run and it failed or did not finish in time. The release was made and stays made:
    /// this says the deployment needs a person, not that the release failed.
    /// </summary>
    DeploymentFailed = 7,
}

/// <summary>A failure that ends the command with a message for the user and a documented exit code.</summary>
internal class ShipgateException(ExitCode code, string message) : Exception(message)
{
    public ExitCode Code { get; } = code;
}

/// <summary>A pre-flight gate said no. Nothing was changed.</summary>
internal sealed class ReleaseBlockedException(string message) : ShipgateException(ExitCode.Blocked, message);

/// <summary>The user did not confirm. Nothing was changed.</summary>
internal sealed class ReleaseAbortedException(string message) : ShipgateException(ExitCode.Aborted, message);

/// <summary>The configuration or the command line is wrong.</summary>
internal sealed class UsageException(string message) : ShipgateException(ExitCode.Usage, message);
