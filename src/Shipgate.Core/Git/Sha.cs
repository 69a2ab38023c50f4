namespace Shipgate.Git;

/// <summary>How commit ids are shown to people: the first seven hex digits, as git and GitHub show them.</summary>
internal static class Sha
{
    /// <param name="absent">What to show when there is no commit (a branch that does not exist).</param>
    public static string Short(string? sha, string absent = "none") => sha is null ? absent : sha.Length <= 7 ? sha : sha[..7];
}
