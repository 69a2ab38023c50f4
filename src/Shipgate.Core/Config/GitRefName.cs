namespace Shipgate.Config;

/// <summary>
/// Git's own rules for branch and remote names (refs.c, <c>git check-ref-format --branch</c>), as a
/// pure function: a name git accepts, non-ASCII included, is accepted here, and nothing else, so a
/// configured name never fails later inside a git command or slips an option onto its command line.
/// </summary>
internal static class GitRefName
{
    /// <summary>Null when git accepts <paramref name="name"/> as a branch name, else why not.</summary>
    public static string? BranchProblem(string name)
    {
        if (name.StartsWith('-')) return "it starts with '-'";
        if (name == "HEAD") return "HEAD is not a branch";
        return RefProblem("refs/heads/" + name);
    }

    /// <summary>
    /// Null when git accepts <paramref name="name"/> as a remote name (refs/remotes/NAME/x is a valid
    /// ref) and it cannot be taken for an option, else why not.
    /// </summary>
    public static string? RemoteProblem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.StartsWith('-')) return "it starts with '-'";
        return RefProblem($"refs/remotes/{name}/x");
    }

    /// <summary>check_refname_format with no flags: every component, then the whole name.</summary>
    private static string? RefProblem(string refName)
    {
        foreach (var component in refName.Split('/'))
        {
            if (ComponentProblem(component) is { } problem) return problem;
        }
        return refName.EndsWith('.') ? "it ends with '.'" : null;
    }

    private static string? ComponentProblem(string component)
    {
        if (component.Length == 0) return "it has an empty part (a leading, trailing or double '/')";
        if (component.StartsWith('.')) return "a part starts with '.'";
        if (component.EndsWith(".lock", StringComparison.Ordinal)) return "a part ends with '.lock'";
        var last = '\0';
        foreach (var c in component)
        {
            if (c < ' ' || c == '\x7f') return "it contains a control character";
            if (c is ' ' or '~' or '^' or ':' or '?' or '[' or '\\' or '*') return $"it contains '{c}'";
            if (c == '.' && last == '.') return "it contains '..'";
            if (c == '{' && last == '@') return "it contains '@{'";
            last = c;
        }
        return null;
    }
}
