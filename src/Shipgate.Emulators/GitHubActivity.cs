using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>
/// GET /repos/{owner}/{repo}/activity as github.com answers it: the pushes the repository's bare origin received
/// (<see cref="PushWitness"/>), newest first unless direction=asc, filtered by ref, actor and activity_type, and paged by
/// cursor: the link header's rel="next" carries after=, rel="prev" before=.
/// </summary>
internal sealed class GitHubActivity(GitHubRest rest, EmulatorRequest request)
{
    /// <summary>The page asked for; null (not served) for time_period, which the emulator has no clock for.</summary>
    public RestAnswer? List(RepositoryFixture repo)
    {
        if (request.QueryValue("time_period") is not null) return null;
        IEnumerable<PushActivity> all = repo.WitnessedOrigin is { } origin ? PushWitness.Read(origin) : [];
        if (request.QueryValue("ref") is { } reference)
        {
            var full = reference.StartsWith("refs/", StringComparison.Ordinal) ? reference : "refs/heads/" + reference;
            all = all.Where(a => a.Ref == full);
        }
        if (request.QueryValue("actor") is { } actor)
            all = all.Where(a => string.Equals(a.Actor, actor, StringComparison.OrdinalIgnoreCase));
        if (request.QueryValue("activity_type") is { } type)
            all = all.Where(a => a.Type == type);
        var ordered = (request.QueryValue("direction") == "asc" ? all.OrderBy(a => a.Id) : all.OrderByDescending(a => a.Id)).ToList();

        var perPage = int.TryParse(request.QueryValue("per_page"), CultureInfo.InvariantCulture, out var pp) && pp > 0 ? Math.Min(pp, 100) : 30;
        var start = 0;
        var end = ordered.Count;
        if (request.QueryValue("after") is { } after)
        {
            if (Position(ordered, after) is not { } at) return BadCursor();
            start = at + 1;
        }
        if (request.QueryValue("before") is { } before)
        {
            if (Position(ordered, before) is not { } at) return BadCursor();
            end = at;
            start = Math.Max(start, end - perPage);
        }
        var page = ordered.Skip(start).Take(Math.Min(perPage, Math.Max(0, end - start))).ToList();
        var links = new List<string>();
        if (page.Count > 0 && ordered.IndexOf(page[^1]) < ordered.Count - 1)
            links.Add($"<{PageUrl("after", page[^1])}>; rel=\"next\"");
        if (page.Count > 0 && ordered.IndexOf(page[0]) > 0)
            links.Add($"<{PageUrl("before", page[0])}>; rel=\"prev\"");
        return new RestAnswer(200, new JsonArray([.. page.Select(a => (JsonNode)Activity(repo, a))]), links.Count == 0 ? null : string.Join(", ", links));
    }

    private JsonObject Activity(RepositoryFixture repo, PushActivity a) => new()
    {
        ["id"] = a.Id,
        ["node_id"] = Wire.NodeId("PA", $"{repo.FullName}/{a.Id}"),
        ["before"] = a.Before,
        ["after"] = a.After,
        ["ref"] = a.Ref,
        ["timestamp"] = Wire.Time(a.Timestamp),
        ["activity_type"] = a.Type,
        ["actor"] = a.Actor is { } login ? rest.User(login) : null,
    };

    /// <summary>An opaque cursor, as GitHub's: the activity's id, encoded.</summary>
    private static string Cursor(PushActivity a) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:v2:" + a.Id.ToString(CultureInfo.InvariantCulture)));

    private static int? Position(List<PushActivity> ordered, string cursor)
    {
        var index = ordered.FindIndex(a => Cursor(a) == cursor);
        return index < 0 ? null : index;
    }

    private static RestAnswer BadCursor() => new(422, GitHubRest.Error("Validation Failed: the cursor is not valid", "422"));

    private string PageUrl(string name, PushActivity at)
    {
        var pairs = request.QueryPairs.Where(q => q.Key is not ("after" or "before"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")
            .Append($"{name}={Uri.EscapeDataString(Cursor(at))}");
        return $"{request.BaseUrl}{request.Path}?{string.Join('&', pairs)}";
    }
}
