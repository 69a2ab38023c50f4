using System.Diagnostics;
using Shipgate.Tests.Config;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Install;

/// <summary>The README's two installs, done for real: a .NET tool from a local package folder, and one self-contained linux-x64 file.</summary>
[Trait("Category", "Integration")]
[Collection(Collection)]
public sealed class InstallTests
{
    /// <summary>Tests that publish or pack src/Shipgate share its obj folder: they run one after another.</summary>
    public const string Collection = "Publishes src/Shipgate";

    private static readonly string Project = Path.Combine(ConfigSchemaTests.RepositoryRoot(), "src", "Shipgate");

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    [Fact]
    public void Dotnet_pack_makes_a_tool_that_installs_from_a_folder_and_prints_its_version()
    {
        using var temp = new TempFolder();
        var packages = Path.Combine(temp.Path, "packages");
        var tools = Path.Combine(temp.Path, "tools");

        var pack = Run("dotnet", "pack", Project, "-c", "Release", "-o", packages);
        Assert.True(pack.Code == 0, pack.Output);
        var install = Run("dotnet", "tool", "install", "shipgate", "--tool-path", tools, "--add-source", packages);
        Assert.True(install.Code == 0, install.Output);

        var version = Run(Path.Combine(tools, "shipgate"), "--version");
        Assert.Equal(0, version.Code);
        Assert.Matches(@"^shipgate \d+\.\d+\.\d+\S* \(commit [0-9a-f]{7,40}\)\s*$", version.Output);
    }

    [Fact]
    public void Dotnet_publish_makes_one_self_contained_linux_x64_file()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return; // the file is for linux-x64; it cannot run elsewhere
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "out");

        var publish = Run("dotnet", "publish", Project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true",
            "-p:DebugType=none", "-o", output);
        Assert.True(publish.Code == 0, publish.Output);

        Assert.Equal(["shipgate"], Directory.GetFiles(output).Select(Path.GetFileName));
        var version = Run(Path.Combine(output, "shipgate"), "--version");
        Assert.True(version.Code == 0, version.Output);
        Assert.StartsWith("shipgate ", version.Output);
    }
}
