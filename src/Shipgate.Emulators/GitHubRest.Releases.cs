using System.Globalization;
using System.Text.Json.Nodes;

namespace Shipgate.Emulators;

/// <summary>GitHub Releases: created, edited and shown, with GitHub's validation.</summary>
internal sealed partial class GitHubRest
{
    /// <summary>GitHub's longest release body, in characters.</summary>
    public const int ReleaseBodyLimit = 125_000;

    private static ReleaseFixture? FindRelease(RepositoryFixture repo, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? repo.Releases.Find(r => r.Id == n) : null;

    private JsonObject? JsonBody() =>
        JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "null" : request.Body) as JsonObject;

    private static RestAnswer Invalid(string field, string code, string resource = "Release") => new(422, new JsonObject
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field }),
        ["documentation_url"] = Docs,
        ["status"] = "422",
    });

    /// <summary>POST .../releases: one release per tag; a body past GitHub's limit is refused.</summary>
    private RestAnswer CreateRelease(RepositoryFixture repo)
    {
        if (JsonBody() is not { } body || body["tag_name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return Invalid("tag_name", "missing_field");
        }
        var tag = body["tag_name"]!.GetValue<string>();
        if (repo.Releases.Any(r => r.TagName == tag))
        {
            return Invalid("tag_name", "already_exists");
        }
        var text = body["body"]?.GetValue<string>() ?? "";
        if (text.Length > ReleaseBodyLimit)
        {
            return Invalid("body", "custom");
        }
        var release = new ReleaseFixture(repo.Releases.Count == 0 ? 7001 : repo.Releases.Max(r => r.Id) + 1, tag,
            body["name"]?.GetValue<string>() ?? tag, text, DateTimeOffset.UtcNow)
        {
            Draft = body["draft"]?.GetValue<bool>() ?? false,
            Prerelease = body["prerelease"]?.GetValue<bool>() ?? false,
        };
        repo.Releases.Add(release);
        return new RestAnswer(201, Release(repo, release));
    }

    /// <summary>PATCH .../releases/{release_id}: the fields given replace the release's.</summary>
    private RestAnswer EditRelease(RepositoryFixture repo, ReleaseFixture release)
    {
        var body = JsonBody() ?? [];
        var text = body["body"]?.GetValue<string>() ?? release.Body;
        if (text.Length > ReleaseBodyLimit)
        {
            return Invalid("body", "custom");
        }
        var edited = release with { Name = body["name"]?.GetValue<string>() ?? release.Name, Body = text };
        repo.Releases[repo.Releases.IndexOf(release)] = edited;
        return new RestAnswer(200, Release(repo, edited));
    }

    private JsonObject Release(RepositoryFixture repo, ReleaseFixture release)
    {
        var api = $"{apiRoot}/repos/{repo.FullName}/releases/{release.Id}";
        return new JsonObject
        {
            ["id"] = release.Id,
            ["node_id"] = Wire.NodeId("RE", release.Id.ToString(CultureInfo.InvariantCulture)),
            ["url"] = api,
            ["html_url"] = $"{repo.HtmlUrl}/releases/tag/{Uri.EscapeDataString(release.TagName)}",
            ["assets_url"] = $"{api}/assets",
            ["upload_url"] = $"https://uploads.github.com/repos/{repo.FullName}/releases/{release.Id}/assets{{?name,label}}",
            ["tarball_url"] = $"{apiRoot}/repos/{repo.FullName}/tarball/{release.TagName}",
            ["zipball_url"] = $"{apiRoot}/repos/{repo.FullName}/zipball/{release.TagName}",
            ["tag_name"] = release.TagName,
            ["target_commitish"] = repo.DefaultBranch,
            ["name"] = release.Name,
            ["body"] = release.Body,
            ["draft"] = release.Draft,
            ["prerelease"] = release.Prerelease,
            ["created_at"] = Wire.Time(release.CreatedAt),
            ["published_at"] = Wire.Time(release.CreatedAt),
            ["author"] = User(login),
            ["assets"] = new JsonArray(),
        };
    }
}
