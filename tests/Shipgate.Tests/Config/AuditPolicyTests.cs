using Shipgate.Config;

namespace Shipgate.Tests.Config;

/// <summary>audit.sign (true, false, required) and audit.review_identity, as the loader and the published schema read them.</summary>
public sealed class AuditPolicyTests
{
    [Theory]
    [InlineData("audit:\n  sign: true\n", true, false)]
    [InlineData("audit:\n  sign: yes\n", true, false)]
    [InlineData("audit:\n  sign: false\n", false, false)]
    [InlineData("audit:\n  allowed_signers: .github/allowed_signers\n", false, false)]
    [InlineData("audit:\n  sign: required\n  allowed_signers: .github/allowed_signers\n", true, true)]
    public void Sign_takes_true_false_or_required(string yaml, bool sign, bool required)
    {
        var config = ConfigLoader.Parse(yaml, ".shipgate.yml");

        Assert.Equal((sign, required), (config.Audit.Sign, config.Audit.SignRequired));
        Assert.Empty(ConfigSchema.Problems(yaml));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("audit:\n  review_identity: proven\n", false)]
    [InlineData("audit:\n  review_identity: git-config\n", true)]
    public void Review_identity_is_proven_unless_the_policy_allows_git_config(string yaml, bool gitConfig)
    {
        var rule = ConfigLoader.Parse(yaml, ".shipgate.yml").Audit.ReviewIdentity;
        Assert.Equal(gitConfig ? ReviewIdentityRule.GitConfig : ReviewIdentityRule.Proven, rule);
        Assert.Empty(ConfigSchema.Problems(yaml));
    }

    [Theory]
    [InlineData("audit:\n  sign: required\n", ".shipgate.yml:2: audit.sign: required needs audit.allowed_signers")]
    [InlineData("audit:\n  sign: always\n", ".shipgate.yml:2: audit.sign: 'always' is not true or false. Give true (sign), false, or required")]
    [InlineData("audit:\n  review_identity: email\n", ".shipgate.yml:2: audit.review_identity: 'email' is not proven or git-config")]
    public void A_wrong_audit_value_names_the_line_and_the_key_and_the_schema_refuses_it_too(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ConfigLoader.Parse(yaml, ".shipgate.yml"));

        Assert.Contains(expected, error.Message);
        Assert.NotEmpty(ConfigSchema.Problems(yaml));
    }
}
