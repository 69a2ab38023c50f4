namespace Shipgate.Git;

/// <summary>How commit ids are shown to people: the first seven hex digits, as git and GitHub show them.</summary>
public static class Sha
{
    public static string Short(string sha) => sha.Length <= 7 ? sha : sha[..7];
}
