using Shipgate.Audit;
using Shipgate.Rendering;

namespace Shipgate.PrArchives;

/// <summary>
/// Verify's check of the PR archives Shipgate wrote (those naming its schema): each against schemas/pr-archive.v1.json, and its name
/// against its content. Archives other tools wrote name no such schema: they only count as present, as the checklist reads them. Pure.
/// </summary>
internal static class PrArchiveCheck
{
    public static void Check(TrailFacts facts, List<TrailProblem> problems)
    {
        foreach (var (path, bytes) in facts.PrArchives.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!PrArchiveFiles.IsShipgates(bytes)) continue;
            if (PrArchiveFiles.Problems(path, bytes) is { Count: > 0 } errors)
                problems.Add(new(TrailCheck.Schema, null,
                    $"{SafeText.OneLine(path)}, a PR's compliance archive written by Shipgate, does not match the published schema " +
                    $"{PrArchive.SchemaId}: {SafeText.OneLine(string.Join("; ", errors.Take(5)))}"));
        }
    }
}
