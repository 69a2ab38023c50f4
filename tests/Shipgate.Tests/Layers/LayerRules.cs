using System.Reflection;
using NetArchTest.Rules;

namespace Shipgate.Tests.Layers;

/// <summary>
/// What the project references cannot say: the references already keep each layer from calling the ones above it
/// (Core, Adapters, Application, Mcp, the command line); these rules keep each layer's inside honest.
/// </summary>
public sealed class LayerRules
{
    private static readonly Assembly Core = typeof(Shipgate.Release.ReleasePlanner).Assembly;
    private static readonly Assembly Adapters = typeof(Shipgate.Git.GitRepository).Assembly;
    private static readonly Assembly Application = typeof(Shipgate.Release.ReleasePipeline).Assembly;

    /// <summary>Anything that reaches outside the process: files, processes, the network, the console.</summary>
    private static readonly string[] InputOutput =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.Diagnostics.Process", "System.Net.Http", "System.Net.Sockets", "System.Console", "CliWrap", "Spectre.Console",
        "System.CommandLine", "ModelContextProtocol",
    ];

    [Fact]
    public void The_rules_do_no_input_or_output()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny(InputOutput).GetResult();

        Assert.True(result.IsSuccessful, "Core types that do I/O: " + Names(result));
    }

    [Fact]
    public void The_assemblies_are_the_layers_the_architecture_names()
    {
        Assert.Equal(
            ["Shipgate.Adapters", "Shipgate.Application", "Shipgate.Core"],
            new[] { Core, Adapters, Application }.Select(a => a.GetName().Name!).Order());
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Shipgate", StringComparison.Ordinal));
        Assert.Equal(["Shipgate.Core"], Adapters.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Shipgate", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_adapters_draw_nothing_on_a_screen()
    {
        var result = Types.InAssembly(Adapters).ShouldNot().HaveDependencyOnAny("Spectre.Console", "System.CommandLine", "ModelContextProtocol").GetResult();

        Assert.True(result.IsSuccessful, "Adapters that render or parse command lines: " + Names(result));
    }

    [Fact]
    public void The_screens_take_view_data_never_the_release_context()
    {
        var result = Types.InAssemblies([Core, Application]).That().ResideInNamespace("Shipgate.Rendering")
            .ShouldNot().HaveDependencyOn("Shipgate.Release.ReleaseContext").GetResult();

        Assert.True(result.IsSuccessful, "Screens that take the release context instead of what they show: " + Names(result));
    }

    private static string Names(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
