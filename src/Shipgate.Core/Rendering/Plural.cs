namespace Shipgate.Rendering;

/// <summary>Counts in words: "1 commit", "2 commits". A release manager reads these aloud.</summary>
internal static class Plural
{
    /// <param name="many">The plural; by default <paramref name="one"/> with an s.</param>
    public static string Of(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
