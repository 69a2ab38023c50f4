using System.Text.RegularExpressions;

namespace Shipgate.Emulators;

/// <summary>
/// The little of JQL a release tool asks: clauses joined by AND on project, key (issuekey),
/// fixVersion and statusCategory, each with = or IN (...); ORDER BY is accepted and ignored.
/// A key that does not exist is an error, as in Jira, which is why lookups go through bulk fetch.
/// </summary>
internal static partial class Jql
{
    public static (IReadOnlyList<JiraIssueFixture>? Issues, string? Problem) Filter(
        string jql, IEnumerable<JiraIssueFixture> visible, JiraFixture state, Func<string, JiraIssueFixture?> find)
    {
        var query = OrderBy().Split(jql, 2)[0].Trim();
        var issues = visible.ToList();
        foreach (var clause in And().Split(query))
        {
            var match = Clause().Match(clause.Trim());
            if (!match.Success)
            {
                return (null, $"Error in the JQL Query: the emulator does not understand '{clause.Trim()}'.");
            }
            var field = match.Groups["field"].Value.ToLowerInvariant();
            var values = (match.Groups["list"].Success ? match.Groups["list"].Value.Split(',') : [match.Groups["one"].Value])
                .Select(v => v.Trim().Trim('"', '\'')).ToList();
            switch (field)
            {
                case "project":
                    issues = [.. issues.Where(i => values.Any(v => string.Equals(v, i.ProjectKey, StringComparison.OrdinalIgnoreCase)
                        || v == state.Projects.Find(p => p.Key == i.ProjectKey)?.Id))];
                    break;
                case "key" or "issuekey" or "id":
                    if (values.FirstOrDefault(v => find(v) is null) is { } missing)
                    {
                        return (null, $"An issue with key '{missing}' does not exist for field '{field}'.");
                    }
                    var wanted = values.Select(v => find(v)!.Id).ToHashSet();
                    issues = [.. issues.Where(i => wanted.Contains(i.Id))];
                    break;
                case "fixversion":
                    issues = [.. issues.Where(i => i.FixVersionIds.Any(id => state.Versions.Find(v => v.Id == id) is { } version
                        && values.Any(v => v == id || string.Equals(v, version.Name, StringComparison.OrdinalIgnoreCase))))];
                    break;
                case "statuscategory":
                    issues = [.. issues.Where(i => values.Any(v => string.Equals(v, i.StatusCategory, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(v, JiraStatusCategory.Json(i.StatusCategory, "")["name"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)))];
                    break;
                default:
                    return (null, $"Error in the JQL Query: the emulator does not search by '{field}'.");
            }
        }
        return (issues, null);
    }

    [GeneratedRegex(@"\s+ORDER\s+BY\s+", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^(?<field>\w+)\s*(?:=\s*(?<one>""[^""]*""|'[^']*'|[\w.-]+)|\s+IN\s*\((?<list>[^)]*)\))$", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();
}
