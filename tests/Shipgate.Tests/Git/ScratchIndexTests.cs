using Shipgate.Git;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Git;

/// <summary>The private index of plumbing commits never outlives its run, and one a killed run left is cleaned by the next.</summary>
[Trait("Category", "Integration")]
public sealed class ScratchIndexTests
{
    private static readonly DateTime HourLater = DateTime.UtcNow.AddHours(1);

    [Fact]
    public void The_scratch_folder_is_gone_once_the_index_is_done()
    {
        using var temp = new TempFolder();
        string folder;
        using (var scratch = ScratchIndex.Create(temp.Path))
        {
            folder = scratch.Folder;
            File.WriteAllText(scratch.IndexFile, "index");
            File.WriteAllText(scratch.IndexFile + ".lock", "lock");
        }

        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_scratch_index_in_use_is_never_removed_as_a_leftover()
    {
        using var temp = new TempFolder();
        using var scratch = ScratchIndex.Create(temp.Path);
        File.WriteAllText(scratch.IndexFile, "index");

        ScratchIndex.RemoveLeftovers(temp.Path, HourLater);

        Assert.True(File.Exists(scratch.IndexFile));
    }

    [Fact]
    public void What_a_killed_run_left_is_removed_by_the_next_one()
    {
        using var temp = new TempFolder();
        var killed = Path.Combine(temp.Path, "shipgate-index-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(killed);
        File.WriteAllText(Path.Combine(killed, "owner"), "");
        File.WriteAllText(Path.Combine(killed, "index.lock"), "half-written index");
        var killedBeforeLocking = Path.Combine(temp.Path, "shipgate-index-fedcba9876543210fedcba9876543210");
        Directory.CreateDirectory(killedBeforeLocking);
        var olderVersion = Path.Combine(temp.Path, "shipgate-index-00112233445566778899aabbccddeeff");
        File.WriteAllText(olderVersion, "index of an older Shipgate");
        var unrelated = Path.Combine(temp.Path, "someone-else");
        File.WriteAllText(unrelated, "");

        ScratchIndex.RemoveLeftovers(temp.Path, HourLater);

        Assert.False(Directory.Exists(killed));
        Assert.False(Directory.Exists(killedBeforeLocking));
        Assert.False(File.Exists(olderVersion));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void A_leftover_just_made_is_left_for_a_later_run()
    {
        using var temp = new TempFolder();
        var starting = Path.Combine(temp.Path, "shipgate-index-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(starting);

        ScratchIndex.RemoveLeftovers(temp.Path, DateTime.UtcNow);

        Assert.True(Directory.Exists(starting));
    }
}
