using System.Text.RegularExpressions;

namespace Shipgate.Git;

/// <summary>
/// What <c>git push --porcelain</c> said: the refs it answered for and those it rejected, with git's
/// reason, the remote's own lines (hook output such as GitHub's GH006 arrives as <c>remote:</c> lines
/// on stderr) and git's own errors.
/// </summary>
internal sealed partial record PushAnswer(
    IReadOnlySet<string> Answered, IReadOnlyDictionary<string, string> Rejected, IReadOnlyList<string> RemoteMessage, IReadOnlyList<string> Errors)
{
    /// <summary>No more of the remote's lines are kept than this: enough for any hook's message, never a flood.</summary>
    private const int RemoteLinesKept = 20;

    public static PushAnswer Read(string stdout, string stderr)
    {
        // "<flag>\t<from>:<to>\t<summary>" per ref; the flag "!" is a rejection, "=" already up to date.
        var answered = new HashSet<string>();
        var rejected = new Dictionary<string, string>();
        foreach (var parts in stdout.Split('\n').Select(l => l.Split('\t')).Where(p => p.Length >= 3 && p[0].Length == 1))
        {
            var reference = parts[1][(parts[1].LastIndexOf(':') + 1)..];
            answered.Add(reference);
            if (parts[0] == "!") rejected[reference] = parts[2].Trim();
        }

        var lines = stderr.Split('\n').Select(l => Terminal().Replace(l, "").Trim()).ToList();
        var remote = lines.Where(l => l.StartsWith("remote:", StringComparison.Ordinal))
            .Select(l => l["remote:".Length..].Trim())
            .Where(l => l.Length > 0)
            .Take(RemoteLinesKept)
            .ToList();
        var errors = lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("fatal:", StringComparison.Ordinal)).ToList();
        return new PushAnswer(answered, rejected, remote, errors);
    }

    /// <summary>Terminal control sequences (the remote pads its lines with "erase line") and carriage returns.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\r")]
    private static partial Regex Terminal();
}

/// <summary>
/// Judges a push that did not answer "done" from git's answer and the remote's refs afterwards. Pure:
/// no I/O, so every case is a unit test.
/// </summary>
internal static class PushJudgement
{
    /// <param name="answer">What git printed; null when Ctrl-C stopped it.</param>
    /// <param name="now">The remote's refs afterwards (ref to sha); null when it could not be read.</param>
    /// <param name="readFailure">Why the remote could not be read, when it could not.</param>
    public static PushOutcome Judge(IReadOnlyList<RefUpdate> updates, PushAnswer? answer, IReadOnlyDictionary<string, string>? now, string? readFailure = null)
    {
        var reasons = Reasons(updates, answer);
        if (now is null)
            return new PushOutcome.Unknown([.. reasons, $"the remote could not be read afterwards: {readFailure ?? "no answer"}"]);

        var refs = updates.Select(u => new RefPosition(u, now.GetValueOrDefault(u.Ref))).ToList();
        if (refs.All(r => r.AtNew))
            return new PushOutcome.Landed();

        // Git answered for every ref and rejected one: an atomic push then moves none of them (a ref
        // "already up to date" was not moved by it either). Anything not where the lease expected it
        // was moved by someone else, even to this push's own value.
        var rejectedWhole = answer is not null && answer.Rejected.Count > 0 && updates.All(u => answer.Answered.Contains(u.Ref));
        if (rejectedWhole)
            return refs.All(r => r.AsBefore)
                ? new PushOutcome.Refused(answer!.RemoteMessage, reasons, ByRemote: true)
                : new PushOutcome.LostRace(refs);

        // No full answer (Ctrl-C, a dropped connection): only where the refs are can tell.
        if (refs.Any(r => r.AtNew))
            return new PushOutcome.Split(refs, reasons);
        if (refs.Any(r => !r.AsBefore))
            return new PushOutcome.LostRace(refs);
        return answer is null
            ? new PushOutcome.Interrupted(refs)
            : new PushOutcome.Refused(answer.RemoteMessage, reasons, ByRemote: answer.Rejected.Count > 0);
    }

    private static List<string> Reasons(IReadOnlyList<RefUpdate> updates, PushAnswer? answer)
    {
        if (answer is null) return ["interrupted (Ctrl-C)"];
        var rejected = updates.Where(u => answer.Rejected.ContainsKey(u.Ref)).Select(u => $"{u.Ref}: {answer.Rejected[u.Ref]}").ToList();
        if (rejected.Count > 0) return rejected;
        return answer.Errors.Count > 0 ? [.. answer.Errors] : ["git push failed without saying why"];
    }
}

/// <summary>The facts of a push outcome in plain lines, for messages: the remote's words, git's reasons, where each ref is now.</summary>
internal static class PushFacts
{
    public static string Describe(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Refused r => Lines(r.RemoteMessage.Select(l => "remote: " + l).Concat(GitSaid(r.Reasons))),
        PushOutcome.LostRace r => Positions(r.Refs, ours: false),
        PushOutcome.Split s => Positions(s.Refs, ours: true) + "\n" + Lines(GitSaid(s.Reasons)),
        PushOutcome.Interrupted i => Positions(i.Refs, ours: false),
        PushOutcome.Unknown u => Lines(GitSaid(u.Reasons)),
        _ => "",
    };

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines);

    private static IEnumerable<string> GitSaid(IEnumerable<string> reasons) => reasons.Select(r => "git: " + r);

    /// <summary>A ref as people call it: the branch name for a branch, else the full ref.</summary>
    public static string Name(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;

    /// <param name="ours">Whether a ref at this push's new value got there by this push (a split), rather than by someone else's.</param>
    private static string Positions(IReadOnlyList<RefPosition> refs, bool ours) =>
        "On the remote now:\n" + string.Join("\n", refs.Select(r => $"- {Name(r.Update.Ref)}: {Short(r.Now)} " + (
            r.AsBefore ? "(as before)"
            : r.AtNew && ours ? "(moved by this push)"
            : r.AtNew ? $"(moved by someone else, to the commit this push would have set; it was {Short(r.Update.ExpectedOldSha)})"
            : $"(moved by someone else; it was {Short(r.Update.ExpectedOldSha)})")));

    private static string Short(string? sha) => Sha.Short(sha, "absent");
}
