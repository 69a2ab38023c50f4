using Shipgate.Config;

namespace Shipgate.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void An_empty_file_gives_the_defaults()
    {
        var config = ConfigLoader.Parse("", ".shipgate.yml");
        Assert.Equal(
            ("origin", "staging", "main", "compliance-archives"),
            (config.Remote, config.StagingBranch, config.ProductionBranch, config.ArchiveBranch));
        Assert.Equal(ShipgateConfig.SeedWords, config.ConfirmationWords);
        Assert.Equal(["staging", "main"], config.AllowedCurrentBranches);
        Assert.Equal((null, "production"), (config.GitHub.Environment, config.GitHub.DeploymentEnvironment));
    }

    [Fact]
    public void Every_documented_key_is_read()
    {
        var config = ConfigLoader.Parse("""
            remote: upstream
            branches: { staging: develop, production: prod, archive: audit }
            release: { from_branches: [develop] }
            tickets: { keys: [bol, ENG] }
            areas:
              web: { title: Web, paths: ["web/**", "ui/*.ts"] }
            confirmation: { words: [ONE, TWO, THREE] }
            github: { repository: acme/svc, api_url: "https://ghe.example.com/api/v3/", required_checks: [build], require_independent_review: true, environment: prod-eu }
            linear: { api_url: "https://linear.example.com/graphql" }
            deploy: { monitor_url: "https://console.example.com" }
            """, ".shipgate.yml");
        Assert.Equal("upstream", config.Remote);
        Assert.Equal(("develop", "prod", "audit"), (config.StagingBranch, config.ProductionBranch, config.ArchiveBranch));
        Assert.Equal(["develop"], config.AllowedCurrentBranches);
        Assert.Equal(["BOL", "ENG"], config.TicketKeys);
        Assert.Equal(new AreaRule("web", "Web", ["web/**", "ui/*.ts"]), config.Areas.Single(), new AreaComparer());
        Assert.Equal(["ONE", "TWO", "THREE"], config.ConfirmationWords);
        Assert.Equal("acme/svc", config.GitHub.Repository);
        Assert.Equal("https://ghe.example.com/api/v3", config.GitHub.ApiUrl);
        Assert.Equal(["build"], config.GitHub.RequiredChecks);
        Assert.True(config.GitHub.RequireIndependentReview);
        Assert.Equal(("prod-eu", "prod-eu"), (config.GitHub.Environment, config.GitHub.DeploymentEnvironment));
        Assert.Equal("https://linear.example.com/graphql", config.LinearApiUrl);
        Assert.Equal("https://console.example.com", config.DeployMonitorUrl);
    }

    private sealed class AreaComparer : IEqualityComparer<AreaRule>
    {
        public bool Equals(AreaRule? a, AreaRule? b) => a!.Id == b!.Id && a.Title == b.Title && a.Paths.SequenceEqual(b.Paths);
        public int GetHashCode(AreaRule a) => a.Id.GetHashCode();
    }

    [Theory]
    [InlineData("remote: origin\nbranchs:\n  staging: x\n", ".shipgate.yml:2: branchs: unknown key")]
    [InlineData("github:\n  required_checks: build\n", ".shipgate.yml:2: github.required_checks: expected a list")]
    [InlineData("github:\n  require_independent_review: maybe\n", ".shipgate.yml:2: github.require_independent_review: 'maybe' is not true or false")]
    [InlineData("confirmation:\n  words: [A, B]\n", "confirmation.words: give at least 3 different words")]
    [InlineData("confirmation:\n  words: [A, B, ABORT]\n", "ABORT is reserved")]
    [InlineData("tickets:\n  keys: [UTF-8]\n", "tickets.keys: 'UTF-8' is not a team key")]
    [InlineData("branches:\n  staging: main\n", "three different branches")]
    [InlineData("areas:\n  web:\n    title: Web\n", "areas.web.paths: an area needs at least one path glob")]
    [InlineData("github:\n  api_url: ftp://x\n", "github.api_url: 'ftp://x' is not an http(s) URL")]
    [InlineData("github:\n  api_url: https://user:secret@ghe.example.com\n", "must not carry credentials")]
    [InlineData("remote: [a, b]\n", ".shipgate.yml:1: remote: expected a text value")]
    [InlineData("remote: origin\nremote: other\n", ".shipgate.yml:2: remote: not valid YAML: at column 1: Duplicate key")]
    [InlineData("remote: \"bad name\"\n", "not a valid git branch or remote name")]
    [InlineData("- just\n- a list\n", "(top level): expected a mapping")]
    [InlineData("remote: [unclosed\n", "not valid YAML")]
    [InlineData("controls:\n  paths: [\"/etc/deploy\"]\n", ".shipgate.yml:2: controls.paths: '/etc/deploy' is not a path glob relative to the repository root")]
    [InlineData("github:\n  environment: \" production\"\n", ".shipgate.yml:2: github.environment: name a GitHub Environment")]
    [InlineData("controls:\n  paths: deploy\n", ".shipgate.yml:2: controls.paths: expected a list")]
    [InlineData("controls:\n  path: [deploy]\n", ".shipgate.yml:2: controls.path: unknown key. Did you mean 'paths'? Known keys here: paths.")]
    [InlineData("audti:\n  sign: true\n", ".shipgate.yml:1: audti: unknown key. Did you mean 'audit'? Known keys here: remote, branches,")]
    [InlineData("audit:\n  sign: true\n  xyzzy: 1\n", ".shipgate.yml:3: audit.xyzzy: unknown key. Known keys here: sign,")]
    [InlineData("branches:\n  staging: staging\n  production: main\n\n\n\n\n\n\n\n\n\n\n   \tarchive: x\n",
        ".shipgate.yml:14: branches.production.archive: not valid YAML: at column 4: a tab indents this line; YAML indents with spaces only.")]
    [InlineData("remote: origin\nbranches: { staging: \"x }\n", ".shipgate.yml:2: branches: not valid YAML: at column ")]
    public void Mistakes_are_named_with_file_line_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));
        Assert.Contains(expected, error.Message);
        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("areas:\n  web:\n    titel: Web\n    paths: [\"web/**\"]\n", ".shipgate.yml:3: areas.web.titel: unknown key. Did you mean 'title'? Known keys here: title, paths.")]
    [InlineData("branches: main\n", ".shipgate.yml:1: branches: expected a mapping of keys to values.")]
    [InlineData("github:\n  required_checks: [build, [test]]\n", ".shipgate.yml:2: github.required_checks: expected a text value.")]
    [InlineData("branches:\n  staging: \"a..b\"\n", ".shipgate.yml:2: branches.staging: 'a..b' is not a valid git branch or remote name: it contains '..'.")]
    [InlineData("branches:\n  archive: audit.lock\n", "branches.archive: 'audit.lock' is not a valid git branch or remote name: a part ends with '.lock'.")]
    [InlineData("release:\n  from_branches: [HEAD]\n", "release.from_branches: 'HEAD' is not a valid git branch or remote name")]
    [InlineData("remote: \"-upload\"\n", "remote: '-upload' is not a valid git branch or remote name: it starts with '-'.")]
    [InlineData("audit:\n  review_within: 2 days\n", ".shipgate.yml:2: audit.review_within: '2 days' is not a duration like 48h")]
    [InlineData("audit:\n  sign: on\n", ".shipgate.yml:2: audit.sign: 'on' is not true or false.")]
    [InlineData("remote: origin\n---\nremote: other\n", ".shipgate.yml:3: (top level): one YAML document only")]
    [InlineData("github:\n  repository: acme\n", ".shipgate.yml:2: github.repository: 'acme' is not owner/name.")]
    [InlineData("areas:\n  web:\n    title: Web\n", ".shipgate.yml:3: areas.web.paths: an area needs at least one path glob.")]
    public void Each_value_rule_names_the_line_and_the_key(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Any_branch_name_git_accepts_is_accepted_non_ASCII_included()
    {
        var config = ConfigLoader.Parse("""
            remote: upstream.eu
            branches: { staging: "intégration/été-2026", production: "本番", archive: "audit@trail" }
            release: { from_branches: ["intégration/été-2026", "release/2026.1"] }
            audit: { sign: yes, review_within: 2d, allowed_signers: .github/allowed_signers }
            """, "origin/main:.shipgate.yml");

        Assert.Equal(("upstream.eu", "intégration/été-2026", "本番", "audit@trail"),
            (config.Remote, config.StagingBranch, config.ProductionBranch, config.ArchiveBranch));
        Assert.Equal(["intégration/été-2026", "release/2026.1"], config.AllowedCurrentBranches);
        Assert.Equal((true, TimeSpan.FromDays(2), ".github/allowed_signers"), (config.Audit.Sign, config.Audit.ReviewWithin, config.Audit.AllowedSigners));
        Assert.Equal("origin/main:.shipgate.yml", config.SourcePath);
    }

    [Fact]
    public void The_file_is_named_as_given_in_every_message()
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse("remote: origin\nbranchs: {}\n", "origin/main:.shipgate.yml"));
        Assert.StartsWith("origin/main:.shipgate.yml:2: branchs: unknown key", error.Message);
    }

    [Theory]
    [InlineData("tickets:\n  keys: [BOL, ENG\nremote: origin\n", ".shipgate.yml:")]
    [InlineData("tickets:\n  keys: [BOL, ENG\n", ".shipgate.yml:")]
    [InlineData("areas: {web: {paths: [\"web/**\"]}\n", ".shipgate.yml:")]
    [InlineData("remote: \"origin\n", ".shipgate.yml:")]
    [InlineData("remote: origin\n  branches: x\n", ".shipgate.yml:")]
    [InlineData("remote: &a origin\nbranches: *b\n", ".shipgate.yml:")]
    [InlineData("remote: !!binary origin\n", ".shipgate.yml:")]
    [InlineData("github:\n  repository: 'acme/svc\n", ".shipgate.yml:")]
    public void Every_malformed_file_is_a_usage_error_with_file_line_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));
        Assert.StartsWith(expected, error.Message);
        Assert.Matches(@"^\.shipgate\.yml:\d+: ", error.Message);
    }

    [Fact]
    public void An_unclosed_list_names_the_key_it_belongs_to()
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse("tickets:\n  keys: [BOL, ENG\nremote: origin\n", ".shipgate.yml"));
        Assert.Matches(@"^\.shipgate\.yml:[23]: tickets\.keys: not valid YAML", error.Message);
    }

    [Fact]
    public void Controls_paths_add_release_control_files()
    {
        var config = ConfigLoader.Parse("controls:\n  paths: [\"deploy/**\", Makefile, Makefile]\n", ".shipgate.yml");

        Assert.Equal(["deploy/**", "Makefile"], config.ControlPaths);
        Assert.Empty(ConfigLoader.Parse("remote: origin\n", ".shipgate.yml").ControlPaths);
    }
}
