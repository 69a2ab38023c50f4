using System.Text.Json;
using Shipgate.Audit;
using Shipgate.Git;
using Shipgate.Release;

namespace Shipgate.PrArchives;

/// <summary>
/// Who a push of PR archives says it is by: the login every archive Shipgate wrote in the commit names (<c>archived_by_login</c>),
/// so the witness can compare it with the push's actor, as it does a record's. Pure.
/// </summary>
internal static class PrArchiveWitness
{
    /// <summary>
    /// The one login the compliance archives <paramref name="commit"/> adds all name, when every one of them is Shipgate's
    /// (names its schema) and they agree; null when any is another tool's, or they name different logins.
    /// </summary>
    public static string? Writer(HistoryCommit commit, TrailFacts facts)
    {
        var archives = commit.Changes.Where(c => c.Path.EndsWith(".json", StringComparison.Ordinal) && ComplianceArchives.PullRequestOf(c.Path) is not null)
            .Select(c => facts.PrArchives.GetValueOrDefault(c.Path)).ToList();
        if (archives.Count == 0 || archives.Any(a => a is null || !PrArchiveFiles.IsShipgates(a))) return null;
        var logins = archives.Select(a => Login(a!)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return logins is [{ } login] ? login : null;
    }

    private static string? Login(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("archived_by_login", out var login) && login.ValueKind == JsonValueKind.String ? login.GetString() : null;
    }
}
