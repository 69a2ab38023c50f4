using System.Net;
using System.Text;
using Xunit;
using static Shipgate.Emulators.Tests.Support;

namespace Shipgate.Emulators.Tests;

[Trait("Category", "Integration")]
public sealed class GitHubGraphQLTests
{
    private const string PullFields =
        "number title body url state merged mergedAt createdAt headRefName baseRefName\n" +
        "author { login } mergedBy { login } mergeCommit { oid }\n" +
        "reviews(first: 100, states: [APPROVED, CHANGES_REQUESTED]) { totalCount nodes { author { login } state submittedAt } " +
        "pageInfo { hasNextPage endCursor } }\n" +
        "commits(first: 100) { totalCount nodes { commit { oid } } }";

    private static GitHubFixture Merged(int count) => GitHubFixture(r => r.PullRequests.AddRange(
        Enumerable.Range(1, count).Select(i => new PullRequestFixture(i, $"BOL-{i}: change {i}", i % 2 == 0 ? "alice" : "bob", $"dev/bol-{i}")
        {
            CreatedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            MergedAt = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            MergedBy = "carol",
            MergeCommitSha = Sha(i, 'e'),
            Commits = [Sha(i), Sha(i + 1000)],
            Reviews =
            [
                new ReviewFixture("carol", "APPROVED", new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero)),
                new ReviewFixture("dave", "COMMENTED", new DateTimeOffset(2024, 1, 16, 0, 0, 0, TimeSpan.Zero)),
            ],
        })));

    [Fact]
    public async Task An_aliased_batch_of_100_pull_requests_resolves_with_the_missing_one_null()
    {
        await using var gh = await GitHubEmulator.StartAsync(Merged(99));
        using var client = GitHubClient();
        var numbers = Enumerable.Range(1, 99).Append(4242).ToList();
        var query = new StringBuilder("query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {");
        foreach (var n in numbers)
        {
            query.Append($" pr{n}: pullRequest(number: {n}) {{ {PullFields} }}");
        }
        query.Append(" } }");

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, query.ToString(), new { owner = "acme", name = "shop" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var repository = body["data"]!["repository"]!.AsObject();
        Assert.Equal(100, repository.Count);
        Assert.Null(repository["pr4242"]);
        var pr = repository["pr42"]!;
        Assert.Equal("BOL-42: change 42", pr["title"]!.GetValue<string>());
        Assert.Equal("MERGED", pr["state"]!.GetValue<string>());
        Assert.True(pr["merged"]!.GetValue<bool>());
        Assert.Equal("alice", pr["author"]!["login"]!.GetValue<string>());
        Assert.Equal("carol", pr["mergedBy"]!["login"]!.GetValue<string>());
        Assert.Equal(Sha(42, 'e'), pr["mergeCommit"]!["oid"]!.GetValue<string>());
        Assert.Equal(1, pr["reviews"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("APPROVED", pr["reviews"]!["nodes"]![0]!["state"]!.GetValue<string>());
        Assert.Equal([Sha(42), Sha(1042)], pr["commits"]!["nodes"]!.AsArray().Select(n => n!["commit"]!["oid"]!.GetValue<string>()));
        // As on github.com, the absent number is also reported, at its own path only.
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("NOT_FOUND", error["type"]!.GetValue<string>());
        Assert.Equal(["repository", "pr4242"], error["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Single(gh.Requests);
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Commits_find_their_pull_requests_in_one_aliased_query()
    {
        await using var gh = await GitHubEmulator.StartAsync(Merged(3));
        using var client = GitHubClient();
        const string query = """
            { repository(owner: "acme", name: "shop") {
                squash: object(oid: "SQUASH") { ... on Commit { oid associatedPullRequests(first: 5) { nodes { number mergedAt } } } }
                rebase: object(oid: "REBASE") { ... on Commit { associatedPullRequests(first: 5) { nodes { number } } } }
                direct: object(oid: "DIRECT") { ... on Commit { associatedPullRequests(first: 5) { totalCount } } }
            } }
            """;

        var (_, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, query
            .Replace("SQUASH", Sha(2, 'e')).Replace("REBASE", Sha(1003)).Replace("DIRECT", Sha(9, 'f')));

        var repository = body["data"]!["repository"]!;
        Assert.Null(body["errors"]);
        Assert.Equal(Sha(2, 'e'), repository["squash"]!["oid"]!.GetValue<string>());
        Assert.Equal(2, repository["squash"]!["associatedPullRequests"]!["nodes"]![0]!["number"]!.GetValue<int>());
        Assert.Equal(3, repository["rebase"]!["associatedPullRequests"]!["nodes"]![0]!["number"]!.GetValue<int>());
        Assert.Equal(0, repository["direct"]!["associatedPullRequests"]!["totalCount"]!.GetValue<int>());
        AssertSpecClean(gh.Requests);
    }

    [Fact]
    public async Task Pull_requests_page_through_a_connection_with_opaque_cursors()
    {
        await using var gh = await GitHubEmulator.StartAsync(Merged(150));
        gh.Update(s => s.Repository("acme/shop").PullRequests.Add(new PullRequestFixture(900, "Open", "dev", "wip", State: "OPEN")));
        using var client = GitHubClient();
        const string query = """
            query($after: String) { repository(owner: "acme", name: "shop") {
                pullRequests(first: 100, after: $after, states: [MERGED], baseRefName: "staging", orderBy: {field: CREATED_AT, direction: DESC}) {
                    totalCount nodes { number } pageInfo { hasNextPage endCursor } } } }
            """;

        var first = (await client.PostGraphQLAsync(gh.GraphQLUrl, query)).Body["data"]!["repository"]!["pullRequests"]!;
        var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = (await client.PostGraphQLAsync(gh.GraphQLUrl, query, new { after = cursor })).Body["data"]!["repository"]!["pullRequests"]!;

        Assert.Equal(150, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var numbers = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).Select(n => n!["number"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 150).Reverse(), numbers);
        Assert.False(int.TryParse(cursor, out _), "cursors are opaque, not offsets");
    }

    [Fact]
    public async Task Viewer_and_rate_limit_answer_for_the_token()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();

        var (response, body) = await client.PostGraphQLAsync(gh.EnterpriseGraphQLUrl, "{ viewer { login } rateLimit { cost remaining resetAt limit } }");

        Assert.Equal("release-bot", body["data"]!["viewer"]!["login"]!.GetValue<string>());
        Assert.Equal(5000, body["data"]!["rateLimit"]!["limit"]!.GetValue<int>());
        Assert.Equal(4999, body["data"]!["rateLimit"]!["remaining"]!.GetValue<int>());
        Assert.True(DateTimeOffset.Parse(body["data"]!["rateLimit"]!["resetAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow);
        Assert.Equal("graphql", Header(response, "x-ratelimit-resource"));
    }

    [Fact]
    public async Task A_misspelled_field_fails_validation_with_errors_and_no_data()
    {
        await using var gh = await GitHubEmulator.StartAsync(Merged(1));
        using var client = GitHubClient();

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl,
            """{ repository(owner: "acme", name: "shop") { pullRequest(number: 1) { titlex } } }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.ContainsKey("data"));
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.StartsWith("Cannot query field 'titlex' on type 'PullRequest'.", error["message"]!.GetValue<string>());
        Assert.NotNull(error["locations"]);
        Assert.StartsWith("Cannot query field 'titlex'", Assert.Single(gh.Requests[0].SpecViolations));
    }

    [Theory]
    [InlineData("reviews(first: 101)", "EXCESSIVE_PAGINATION", "Requesting 101 records on the `reviews` connection exceeds the `first` limit of 100 records.")]
    [InlineData("reviews", "MISSING_PAGINATION_BOUNDARIES", "You must provide a `first` or `last` value to properly paginate the `reviews` connection.")]
    [InlineData("reviews(last: 0)", "EXCESSIVE_PAGINATION", "`last` on the `reviews` connection must be between 1 and 100.")]
    public async Task Connections_demand_first_or_last_between_1_and_100(string connection, string type, string message)
    {
        await using var gh = await GitHubEmulator.StartAsync(Merged(1));
        using var client = GitHubClient();

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl,
            $$"""{ repository(owner: "acme", name: "shop") { pullRequest(number: 1) { title {{connection}} { totalCount } } } }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.ContainsKey("data"));
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal([message], gh.Requests[0].SpecViolations);
    }

    [Fact]
    public async Task Graphql_without_a_token_is_401()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient(token: null);

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, "{ viewer { login } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("This endpoint requires you to be authenticated.", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_repository_is_a_not_found_error_with_null_data()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();

        var (_, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, """{ repository(owner: "acme", name: "nope") { name } }""");

        Assert.Null(body["data"]!["repository"]);
        Assert.Equal("Could not resolve to a Repository with the name 'acme/nope'.", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_organisation_pages_its_repositories_with_each_ones_archive_branch_or_null()
    {
        var fixture = new GitHubFixture { Tokens = { [Token] = "octo" } };
        fixture.Repositories.AddRange(Enumerable.Range(1, 150).Select(i => new RepositoryFixture
        {
            Owner = "acme",
            Name = $"service-{i:000}",
            Branches = i % 3 == 0 ? new() { ["main"] = Sha(i) } : new() { ["main"] = Sha(i), ["compliance-archives"] = Sha(i + 500) },
            GitUrl = i == 1 ? "file:///srv/git/service-001.git" : null,
            IsArchived = i == 2,
        }));
        fixture.Repositories.Add(new RepositoryFixture { Owner = "other", Name = "elsewhere" });
        await using var gh = await GitHubEmulator.StartAsync(fixture);
        using var client = GitHubClient();
        const string query = """
            query($login: String!, $after: String) { organization(login: $login) { repositories(first: 100, after: $after) {
                totalCount pageInfo { hasNextPage endCursor }
                nodes { nameWithOwner url isArchived ref(qualifiedName: "refs/heads/compliance-archives") { name } } } } }
            """;

        var first = (await client.PostGraphQLAsync(gh.GraphQLUrl, query, new { login = "acme" })).Body["data"]!["organization"]!["repositories"]!;
        var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = (await client.PostGraphQLAsync(gh.GraphQLUrl, query, new { login = "acme", after = cursor }))
            .Body["data"]!["organization"]!["repositories"]!;

        Assert.Equal(150, first["totalCount"]!.GetValue<int>());
        Assert.Equal((100, true, 50, false), (first["nodes"]!.AsArray().Count, first["pageInfo"]!["hasNextPage"]!.GetValue<bool>(),
            second["nodes"]!.AsArray().Count, second["pageInfo"]!["hasNextPage"]!.GetValue<bool>()));
        var nodes = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).Select(n => n!).ToList();
        Assert.Equal(Enumerable.Range(1, 150).Select(i => $"acme/service-{i:000}"), nodes.Select(n => n["nameWithOwner"]!.GetValue<string>()));
        Assert.Equal(100, nodes.Count(n => n["ref"] is not null));
        Assert.Null(nodes[2]["ref"]);
        Assert.Equal("compliance-archives", nodes[0]["ref"]!["name"]!.GetValue<string>());
        Assert.Equal("file:///srv/git/service-001.git", nodes[0]["url"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/service-004", nodes[3]["url"]!.GetValue<string>());
        Assert.True(nodes[1]["isArchived"]!.GetValue<bool>());
        Assert.All(gh.Requests, r => Assert.Empty(r.SpecViolations));
    }

    [Fact]
    public async Task An_unknown_organisation_is_a_not_found_error()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture());
        using var client = GitHubClient();

        var (_, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, """{ organization(login: "nobody") { login } }""");

        Assert.Null(body["data"]!["organization"]);
        Assert.Equal("NOT_FOUND", body["errors"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Could not resolve to an Organization with the login of 'nobody'.", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reviews_commit_and_the_PRs_head_are_answered_as_the_schema_types_them()
    {
        await using var gh = await GitHubEmulator.StartAsync(GitHubFixture(r => r.PullRequests.Add(
            new PullRequestFixture(7, "BOL-7: change", "alice", "dev/bol-7")
            {
                MergedAt = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero),
                Commits = [Sha(1), Sha(2)],
                Reviews =
                [
                    new ReviewFixture("carol", "APPROVED", new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero)) { Commit = Sha(1) },
                    new ReviewFixture("dave", "APPROVED", new DateTimeOffset(2024, 1, 16, 0, 0, 0, TimeSpan.Zero)),
                ],
            })));
        using var client = GitHubClient();
        const string query = """
            { repository(owner: "acme", name: "shop") {
                pullRequest(number: 7) { headRefOid reviews(first: 10, states: [APPROVED]) { nodes { author { login } commit { oid } } } }
            } }
            """;

        var (response, body) = await client.PostGraphQLAsync(gh.GraphQLUrl, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pr = body["data"]!["repository"]!["pullRequest"]!;
        Assert.Equal(Sha(2), pr["headRefOid"]!.GetValue<string>());
        // A review names the commit it was given on; without one in the fixture, the head it would have seen.
        Assert.Equal([("carol", Sha(1)), ("dave", Sha(2))], pr["reviews"]!["nodes"]!.AsArray()
            .Select(n => (n!["author"]!["login"]!.GetValue<string>(), n["commit"]!["oid"]!.GetValue<string>())));
        AssertSpecClean(gh.Requests);
    }
}
