using System.Text.RegularExpressions;

namespace Shipgate.Config;

/// <summary>deploy.workflow and deploy.ref_input, checked: a workflow file name (.yml or .yaml, no folder) or id, and an input name.</summary>
internal static partial class DeployWorkflow
{
    public static ShipgateConfig Read(ShipgateConfig config, string? workflow, string? refInput, ConfigLines at)
    {
        if (workflow is not null && !WorkflowName().IsMatch(workflow))
            throw at.Error("deploy.workflow", $"'{workflow}' is not a workflow: name its file as GitHub does (deploy.yml, no folder) or its numeric id.");
        if (refInput is not null && !InputName().IsMatch(refInput))
            throw at.Error("deploy.ref_input", $"'{refInput}' is not a workflow_dispatch input name (letters, digits, - and _, starting with a letter or _).");
        return config with { DeployWorkflow = workflow, DeployRefInput = refInput ?? config.DeployRefInput };
    }

    [GeneratedRegex(@"^([A-Za-z0-9._-]+\.ya?ml|[1-9][0-9]{0,18})$")]
    private static partial Regex WorkflowName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex InputName();
}
