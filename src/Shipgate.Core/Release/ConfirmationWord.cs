using System.Security.Cryptography;

namespace Shipgate.Release;

/// <summary>
/// Draws the word the releaser must type. Drawn with a cryptographic RNG so it cannot be predicted,
/// and never the previous release's word nor the last word shown on this machine, so that muscle
/// memory or a shell history cannot confirm a release.
/// </summary>
internal static class ConfirmationWord
{
    public const string AbortWord = "ABORT";

    /// <param name="pick">Returns a uniformly random index below its argument.</param>
    public static string Choose(IReadOnlyList<string> words, IEnumerable<string?> excluded, Func<int, int>? pick = null)
    {
        var exclude = excluded.Where(w => w is not null).ToHashSet(StringComparer.Ordinal);
        var candidates = words.Where(w => !exclude.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
            throw new UsageException("confirmation.words has no word left to draw once the previous release's word " +
                "and the last shown word are excluded; add more words.");
        return candidates[(pick ?? RandomNumberGenerator.GetInt32)(candidates.Count)];
    }
}
