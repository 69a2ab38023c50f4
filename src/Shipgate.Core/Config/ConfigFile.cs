using YamlDotNet.Serialization;

namespace Shipgate.Config;

// The shape of .shipgate.yml, one class per mapping, as YamlDotNet reads it. Keys are the
// properties' names in snake_case unless an alias says otherwise. ConfigShape checks a file against
// these types (with lines for its messages) before they are filled; ConfigLoader then validates the
// values and builds ShipgateConfig. Declaration order is the order "known keys" are listed in.

/// <summary>The whole file.</summary>
internal sealed class ConfigFile
{
    public string? Remote { get; set; }
    public BranchesSection? Branches { get; set; }
    public TicketsSection? Tickets { get; set; }
    public Dictionary<string, AreaSection>? Areas { get; set; }
    public ConfirmationSection? Confirmation { get; set; }
    [YamlMember(Alias = "github")]
    public GitHubSection? GitHub { get; set; }
    public LinearSection? Linear { get; set; }
    public JiraSection? Jira { get; set; }
    public DeploySection? Deploy { get; set; }
    public ReleaseSection? Release { get; set; }
    public AuditSection? Audit { get; set; }
    public ControlsSection? Controls { get; set; }
    public List<FreezeSection>? Freeze { get; set; }
}

internal sealed class BranchesSection
{
    public string? Staging { get; set; }
    public string? Production { get; set; }
    public string? Archive { get; set; }
}

internal sealed class TicketsSection
{
    public List<string>? Keys { get; set; }
}

internal sealed class AreaSection
{
    public string? Title { get; set; }
    public List<string>? Paths { get; set; }
}

internal sealed class ConfirmationSection
{
    public List<string>? Words { get; set; }
}

internal sealed class GitHubSection
{
    public string? Repository { get; set; }
    public string? ApiUrl { get; set; }
    public List<string>? RequiredChecks { get; set; }
    public bool? RequireIndependentReview { get; set; }
    public bool? Release { get; set; }
    public string? Environment { get; set; }
}

internal sealed class LinearSection
{
    public string? ApiUrl { get; set; }
}

internal sealed class JiraSection
{
    public string? Site { get; set; }
    public List<string>? Projects { get; set; }
}

internal sealed class DeploySection
{
    public string? MonitorUrl { get; set; }
    public string? Workflow { get; set; }
    public string? RefInput { get; set; }
}

internal sealed class ReleaseSection
{
    public List<string>? FromBranches { get; set; }
}

internal sealed class AuditSection
{
    /// <summary>true, false or required: text, so that ConfigLoader can take the third word.</summary>
    public string? Sign { get; set; }
    public string? AllowedSigners { get; set; }
    public string? ReviewWithin { get; set; }
    public string? ReviewIdentity { get; set; }
}

internal sealed class ControlsSection
{
    public List<string>? Paths { get; set; }
}
