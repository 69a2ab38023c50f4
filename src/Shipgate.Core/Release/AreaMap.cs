using Shipgate.Config;

namespace Shipgate.Release;

/// <summary>
/// Says which areas ("Web Dashboard", "Infrastructure") a file belongs to: every configured area
/// whose globs match it, else the file's top folder, so that nothing shipped goes unlisted.
/// </summary>
internal sealed class AreaMap(IReadOnlyList<AreaRule> rules)
{
    public const string RootAreaId = "(root)";

    private readonly List<(AreaRule Rule, PathGlob[] Globs)> _rules =
        rules.Select(r => (r, r.Paths.Select(p => new PathGlob(p)).ToArray())).ToList();

    public IEnumerable<string> AreasOf(string path)
    {
        var matched = false;
        foreach (var (rule, globs) in _rules)
        {
            if (globs.Any(g => g.Matches(path)))
            {
                matched = true;
                yield return rule.Id;
            }
        }
        if (!matched)
        {
            var slash = path.IndexOf('/');
            yield return slash > 0 ? path[..slash] : RootAreaId;
        }
    }

    public string TitleOf(string areaId) =>
        _rules.Select(r => r.Rule).FirstOrDefault(r => r.Id == areaId)?.Title
        ?? (areaId == RootAreaId ? "Repository root" : areaId);

    /// <summary>Configured areas in file order first, then top folders by name.</summary>
    public int OrderOf(string areaId)
    {
        var index = _rules.FindIndex(r => r.Rule.Id == areaId);
        return index >= 0 ? index : int.MaxValue;
    }
}
