using Shipgate.Config;
using Shipgate.Testing;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Config;

/// <summary>Branch and remote names by git's own rules, checked against git itself.</summary>
[Trait("Category", "Integration")]
public sealed class GitRefNameTests
{
    public static readonly TheoryData<string> Names =
    [
        "main", "staging", "feature/x", "release/2026.1", "x.y", "a@b", "a{b", "a}b", "a$b", "a#b", "a!b", "@", "x/HEAD", "HEAD/x",
        "refs/heads/x", "héllo", "intégration/été", "リリース", "本番", "émoji🚀",
        "a..b", "..x", "x..", ".hidden", "x/.y", "x/.", "x.lock", "x/y.lock/z", "x.", "a/b.", "x/", "/x", "x//y", "a@{b", "@{-1}",
        "-x", "HEAD", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "a\tb", "a\u007fb", "",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_branch_name_is_valid_exactly_when_git_check_ref_format_branch_says_so(string name)
    {
        using var folder = new TempFolder();
        var (code, _, _) = GitScenario.Exec(folder.Path, ["check-ref-format", "--branch", name]);

        Assert.Equal(code == 0, GitRefName.BranchProblem(name) is null);
    }

    [Theory]
    [InlineData("origin", null)]
    [InlineData("upstream.eu", null)]
    [InlineData("fork/dana", null)]
    [InlineData("", "it is empty")]
    [InlineData("-u", "it starts with '-'")]
    [InlineData("--upload-pack=evil", "it starts with '-'")]
    [InlineData("bad name", "it contains ' '")]
    [InlineData("a..b", "it contains '..'")]
    public void A_remote_name_cannot_be_taken_for_an_option(string name, string? problem)
    {
        Assert.Equal(problem, GitRefName.RemoteProblem(name));
    }

    [Theory]
    [InlineData("a..b", "it contains '..'")]
    [InlineData("x.lock", "a part ends with '.lock'")]
    [InlineData("x/", "it has an empty part (a leading, trailing or double '/')")]
    [InlineData("a@{b", "it contains '@{'")]
    [InlineData("x.", "it ends with '.'")]
    [InlineData("a\tb", "it contains a control character")]
    public void The_reason_says_which_rule_the_name_breaks(string name, string problem)
    {
        Assert.Equal(problem, GitRefName.BranchProblem(name));
    }
}
