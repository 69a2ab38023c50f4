using YamlDotNet.Serialization;

namespace Shipgate.Config;

/// <summary>
/// What YamlDotNet needs to know of <see cref="ConfigFile"/>, generated at build time instead of read by reflection at run time,
/// so that the trimmed, natively compiled shipgate reads <c>.shipgate.yml</c> exactly as the .NET tool does. Every section type is
/// listed (the generator refuses to build while one is missing). Public only because the generated half of the class is.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(ConfigFile))]
[YamlSerializable(typeof(BranchesSection))]
[YamlSerializable(typeof(TicketsSection))]
[YamlSerializable(typeof(AreaSection))]
[YamlSerializable(typeof(ConfirmationSection))]
[YamlSerializable(typeof(GitHubSection))]
[YamlSerializable(typeof(LinearSection))]
[YamlSerializable(typeof(JiraSection))]
[YamlSerializable(typeof(DeploySection))]
[YamlSerializable(typeof(ReleaseSection))]
[YamlSerializable(typeof(AuditSection))]
[YamlSerializable(typeof(ControlsSection))]
[YamlSerializable(typeof(FreezeSection))]
[YamlSerializable(typeof(WeeklySection))]
public partial class ConfigYamlContext : StaticContext;
